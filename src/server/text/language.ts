/** The languages OpsLoop's text analysis distinguishes. */
export type TextLanguage = 'zh' | 'en';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

// A Chinese word is about 1.5 characters and an English word about 5 letters, so comparing
// raw counts would let one brand name in Latin letters outvote a Chinese sentence.
const HAN_CHARS_PER_WORD = 1.5;

/**
 * The dominant language of a text: `zh` when Han characters carry at least as many words as
 * Latin-script words do (`我喜欢iPhone手机` is zh, `I love 北京 so much` is en); `en` otherwise,
 * including texts with no letters at all.
 */
export function detectLanguage(text: string): TextLanguage {
  let han = 0;
  let latinWords = 0;
  let inLatinWord = false;
  for (const char of text) {
    if (HAN.test(char)) {
      han++;
      inLatinWord = false;
    } else if (LATIN.test(char)) {
      if (!inLatinWord) latinWords++;
      inLatinWord = true;
    } else {
      inLatinWord = false;
    }
  }
  if (han === 0) return 'en';
  return han / HAN_CHARS_PER_WORD >= latinWords ? 'zh' : 'en';
}
