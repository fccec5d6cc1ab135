import { ActionIcon, Group, MultiSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PublishingSettings } from '../../shared/publishing.ts';

export type ApprovalStep = PublishingSettings['approvalSteps'][number];
type ApproverRole = ApprovalStep['roles'][number];

export const APPROVER_ROLES: readonly ApproverRole[] = [
  'owner',
  'admin',
  'manager',
  'editor',
  'analyst',
];

/** An ordered list of steps, each with a name and the roles that approve it. */
export function ApprovalStepsEditor({
  steps,
  onChange,
  errorFor,
  disabled,
}: {
  steps: ApprovalStep[];
  onChange: (steps: ApprovalStep[]) => void;
  errorFor: (field: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const replace = (index: number, step: ApprovalStep) =>
    onChange(steps.map((old, i) => (i === index ? step : old)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...steps];
    const [step] = next.splice(index, 1);
    if (step) next.splice(index + by, 0, step);
    onChange(next);
  };

  if (steps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('approvals.none')}
      </Text>
    );
  }

  return (
    <Stack gap="sm">
      {steps.map((step, index) => {
        const number = index + 1;
        return (
          <Paper key={index} p="sm" bg="var(--mantine-color-gray-0)">
            <Stack gap="xs">
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={650}>
                  {t('approvals.stepNumber', { number })}
                </Text>
                {!disabled && (
                  <Group gap={4}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('approvals.moveUp', { number })}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={index === steps.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('approvals.moveDown', { number })}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(steps.filter((_, i) => i !== index))}
                      aria-label={t('approvals.remove', { number })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              <Group grow align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  label={t('approvals.stepName')}
                  value={step.name}
                  onChange={(event) => replace(index, { ...step, name: event.currentTarget.value })}
                  error={errorFor(`approvalSteps.${index}.name`)}
                  maxLength={60}
                  disabled={disabled}
                  miw={200}
                  required
                />
                <MultiSelect
                  label={t('approvals.stepRoles')}
                  value={step.roles}
                  onChange={(roles) =>
                    replace(index, {
                      ...step,
                      roles: APPROVER_ROLES.filter((role) => roles.includes(role)),
                    })
                  }
                  data={APPROVER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                  error={errorFor(`approvalSteps.${index}.roles`)}
                  disabled={disabled}
                  miw={200}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
