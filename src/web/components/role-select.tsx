import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/permissions.ts';

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

/** A Select over roles, labelled in the interface language. */
export function RoleSelect({
  roles,
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  roles: readonly Role[];
  value: Role | null;
  onChange: (role: Role) => void;
}) {
  const { t } = useTranslation();
  // A member's current role may be one the viewer cannot grant; it must still display.
  const options = value && !roles.includes(value) ? [value, ...roles] : roles;
  return (
    <Select
      {...props}
      data={options.map((role) => ({
        value: role,
        label: t(`roles.${role}`),
        disabled: !roles.includes(role),
      }))}
      value={value}
      onChange={(next) => {
        if (isRole(next)) onChange(next);
      }}
      allowDeselect={false}
    />
  );
}
