import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine labels the visibility toggle "Toggle password visibility", which also answers to a
 * search for the label "Password" and makes the field ambiguous to assistive tech and tests.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput {...props} visibilityToggleButtonProps={{ 'aria-label': t('app.showHide') }} />
  );
}
