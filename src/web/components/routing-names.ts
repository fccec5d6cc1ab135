import { useTranslation } from 'react-i18next';
import { useMembers } from '../api/use-members.ts';
import { useTeams } from '../api/use-routing.ts';

/** The label of an intent; an intent OpsLoop has no word for shows as it is. */
export function useIntentLabel() {
  const { t, i18n } = useTranslation();
  return (intent: string): string => {
    const key = `routing.intents.${intent}`;
    return i18n.exists(key) ? t(key as 'routing.intents.question') : intent;
  };
}

/** Names for the user and team ids routing reports, with a readable fallback. */
export function useRoutingNames(workspaceId: string) {
  const { t } = useTranslation();
  const members = useMembers(workspaceId);
  const teams = useTeams(workspaceId);
  const people = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  const teamNames = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
  return {
    members: members.data ?? [],
    teams: teams.data ?? [],
    person: (userId: string | null | undefined): string =>
      userId ? (people.get(userId) ?? t('routing.formerMember')) : t('routing.unassigned'),
    team: (teamId: string | null | undefined, name?: string | null): string =>
      teamId ? (name ?? teamNames.get(teamId) ?? t('routing.removedTeam')) : t('routing.noTeam'),
  };
}
