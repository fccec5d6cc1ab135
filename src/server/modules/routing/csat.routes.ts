import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  AnswerSurveyBodySchema,
  CsatReportSchema,
  CsatSettingsSchema,
  CsatSurveyListSchema,
  CsatSurveyQuerySchema,
  PublicSurveyParamsSchema,
  PublicSurveySchema,
  ReportQuerySchema,
  UpdateCsatSettingsBodySchema,
} from '../../../shared/routing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { ROUTING } from './rules.routes.ts';

const CSAT = `${ROUTING}/csat`;
const PUBLIC = '/api/v1/public/surveys/{token}';

/** CSAT settings, answers and report; the public, no-login survey endpoints. */
export const csatRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${CSAT}/settings`,
    summary: 'CSAT survey settings',
    tag: 'csat',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: CsatSettingsSchema,
    handler: ({ scope, services }) => services.routing.csat.getSettings(scope),
  }),
  defineRoute({
    method: 'patch',
    path: `${CSAT}/settings`,
    summary: 'Turn CSAT surveys on or off and change their message',
    tag: 'csat',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: UpdateCsatSettingsBodySchema,
    response: CsatSettingsSchema,
    handler: ({ scope, body, actor, services }) =>
      services.routing.csat.updateSettings(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${CSAT}/surveys`,
    summary: 'Latest surveys and their answers',
    tag: 'csat',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: CsatSurveyQuerySchema,
    response: CsatSurveyListSchema,
    handler: async ({ scope, query, services }) => ({
      items: await services.routing.csat.listSurveys(scope, query),
    }),
  }),
  defineRoute({
    method: 'get',
    path: `${CSAT}/report`,
    summary: 'CSAT for a period: average, distribution, response rate, per agent and team, trend',
    tag: 'csat',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: ReportQuerySchema,
    response: CsatReportSchema,
    handler: ({ scope, query, services }) => services.routing.csat.report(scope, query),
  }),
  defineRoute({
    method: 'get',
    path: PUBLIC,
    summary: 'A satisfaction survey, for the person it was sent to (no sign-in)',
    tag: 'csat',
    access: 'public',
    params: PublicSurveyParamsSchema,
    response: PublicSurveySchema,
    handler: ({ params, actor, services }) =>
      services.routing.csat.publicSurvey(params.token, actor.ip),
  }),
  defineRoute({
    method: 'post',
    path: PUBLIC,
    summary: 'Answer a satisfaction survey: a score from 1 to 5 and an optional comment',
    tag: 'csat',
    access: 'public',
    // Acts for nobody: a signed-in person's cookie sent along must not demand a CSRF token.
    skipCsrf: true,
    params: PublicSurveyParamsSchema,
    body: AnswerSurveyBodySchema,
    response: PublicSurveySchema,
    handler: ({ params, body, actor, services }) =>
      services.routing.csat.answer(params.token, body, actor.ip),
  }),
];
