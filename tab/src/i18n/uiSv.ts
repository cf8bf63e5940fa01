import type { uiEn } from './uiEn';

/** Swedish strings of the shared-screen switch, the round banner, the drawers and the table picker. */
export const uiSv: Record<keyof typeof uiEn, string> = {
  'privacy.switch': 'Visa privata detaljer',
  'privacy.off':
    'Av: säkert att dela skärmen. Anonyma författare, vem som flaggat, liveresultat och rätt svar visas inte förrän resultaten visas.',
  'privacy.on': 'På: bara du bör se den här skärmen. Den stängs av igen vid nästa runda.',
  'privacy.hiddenResults': 'Liveresultaten visas inte förrän du visar dem för alla.',
  'privacy.groupsCount': '{count} diskussionsgrupper har bildats; varje student ser sina egna partner.',
  'privacy.anonymousAsker': 'Anonym',

  'banner.answerNow': 'Svara nu',
  'banner.open': 'Gå till svarsformuläret',
  'banner.answered': 'Svaret är skickat. Du kan ändra det tills tiden är ute.',
  'banner.running': '{kind}: {phase}',

  'participation.low': 'Bara {answered} av {eligible} studenter svarade: rådet bygger på få röster.',

  'table.size': 'Tabellstorlek',
  'table.insert': 'Infoga en tabell med {rows} × {cols}',
  'table.rows': 'Rader',
  'table.cols': 'Kolumner',

  'notes.placeholder': 'Börja kursens anteckningar här: en rubrik, en första idé, en fråga…',
  'panel.close': 'Stäng',

  'stage.questions': 'Frågor',
  'stage.endorsed': 'Godkänt svar',
  'stage.noQuestions': 'Inga frågor ännu.',
};
