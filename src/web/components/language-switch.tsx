import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession, useUpdateProfile } from '../api/use-session.ts';
import { setLanguage, type Language } from '../i18n/i18n.ts';

/** Switches the interface; when signed in, the choice is also saved on the account. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const updateProfile = useUpdateProfile();

  const change = (value: string) => {
    const language: Language = value === 'zh-CN' ? 'zh-CN' : 'en';
    setLanguage(language);
    if (session.data && session.data.user.locale !== language) {
      updateProfile.mutate({ locale: language });
    }
  };

  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={i18n.language === 'zh-CN' ? 'zh-CN' : 'en'}
      onChange={change}
      data={[
        { value: 'zh-CN', label: t('lang.zhCN') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
