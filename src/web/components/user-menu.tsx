import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { User } from '../../shared/api.ts';
import { useLogout, useUpdateProfile } from '../api/use-session.ts';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  // Chinese names read best as their first character; Latin ones as initials.
  if (parts.length === 1) return Array.from(parts[0] ?? '?')[0]?.toUpperCase() ?? '?';
  return parts
    .slice(0, 2)
    .map((part) => Array.from(part)[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu({ user, accountPath }: { user: User; accountPath: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const updateProfile = useUpdateProfile();

  const signOut = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        notifications.show({ message: t('shell.signedOut') });
        void navigate('/login');
      },
    });
  };

  const chooseLanguage = (language: Language) => {
    setLanguage(language);
    if (user.locale !== language) updateProfile.mutate({ locale: language });
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')}>
          <Avatar color="teal" radius="xl" size={34}>
            {initials(user.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.name}
          <br />
          {user.email}
        </Menu.Label>
        <Menu.Item
          leftSection={<IconUserCircle size={16} />}
          onClick={() => void navigate(accountPath)}
        >
          {t('nav.account')}
        </Menu.Item>
        <Menu.Divider hiddenFrom="sm" />
        <Menu.Label hiddenFrom="sm">{t('lang.label')}</Menu.Label>
        {LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            hiddenFrom="sm"
            onClick={() => chooseLanguage(language)}
            rightSection={i18n.language === language ? <IconCheck size={16} /> : null}
          >
            {language === 'zh-CN' ? t('lang.zhCN') : t('lang.en')}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={signOut}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
