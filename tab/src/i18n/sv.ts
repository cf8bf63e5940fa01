import { backstageSv } from './backstageSv';
import { dashboardSv } from './dashboardSv';
import type { Messages } from './en';
import { notesSv } from './notesSv';
import { quickSv } from './quickSv';
import { peopleSv } from './peopleSv';
import { roundsSv } from './roundsSv';
import { uiSv } from './uiSv';

/** Swedish strings: the same keys as `en`, so a missing translation is a type error. */
export const sv: Messages = {
  'app.name': 'Stoa',
  'app.loading': 'Läser in Stoa…',
  'app.skipToContent': 'Hoppa till innehållet',
  'app.nav': 'Stoa',
  'nav.myClasses': 'Mina kurser',
  'nav.signOut': 'Logga ut',
  'nav.signedInAs': 'Inloggad som {name}',

  'signIn.title': 'Logga in i Stoa',
  'signIn.intro':
    'Du använder Stoa utanför Microsoft Teams. Välj en testperson eller skriv in egna uppgifter för att logga in för utveckling.',
  'signIn.presets': 'Testpersoner',
  'signIn.presetHint': '{tenant} · {intent}',
  'signIn.name': 'Visningsnamn',
  'signIn.tenantId': 'Klientorganisations-id',
  'signIn.userId': 'Användar-id',
  'signIn.userIdHint': 'Lämna tomt för att härleda det från namnet.',
  'signIn.intent': 'Jag är här som',
  'signIn.intent.facilitator': 'Lärare',
  'signIn.intent.student': 'Student',
  'signIn.submit': 'Logga in',
  'signIn.busy': 'Loggar in…',
  'signIn.disabled': 'Inloggning för utveckling är avstängd här. Öppna Stoa från Microsoft Teams.',
  'signIn.expired': 'Din session har tagit slut. Logga in igen.',

  'teams.connecting': 'Ansluter till Microsoft Teams…',
  'teams.signingIn': 'Loggar in dig med Teams…',
  'teams.consentTitle': 'Stoa behöver ditt godkännande',
  'teams.consent':
    'Teams kunde inte logga in dig eftersom Stoa inte har fått något medgivande än. Välj ”Försök igen” för att se frågan om medgivande; om den inte visas, be din Teams-administratör att ge medgivande för Stoa i Teams administrationscenter.',
  'teams.consentAppId': 'För administratörer: Stoas appregistrerings-id (klient-id) är {id}.',
  'teams.ssoFailedTitle': 'Inloggningen med Teams fungerade inte',
  'teams.ssoFailed':
    'Teams kunde inte logga in dig i Stoa ({reason}). Försök igen eller öppna fliken på nytt.',

  'classes.title': 'Mina kurser',
  'classes.loading': 'Läser in dina kurser…',
  'classes.empty.facilitator':
    'Du har inga kurser än. Skapa en, eller gå med i en med kurs-id och kod från kursens lärare.',
  'classes.empty.student': 'Du har inga kurser än. Be din lärare om kurs-id och kod för att gå med.',
  'classes.listLabel': 'Dina kurser',
  'classes.loadMore': 'Visa fler',
  'classes.create': 'Skapa kurs',
  'classes.create.name': 'Kursens namn',
  'classes.create.submit': 'Skapa',
  'classes.create.done': 'Skapade ”{name}”.',
  'classes.join': 'Gå med med en kod',
  'classes.join.classId': 'Kurs-id',
  'classes.join.code': 'Kod för att gå med',
  'classes.join.submit': 'Gå med',
  'classes.join.done': 'Du gick med i ”{name}”.',
  'classes.cancel': 'Avbryt',
  'classes.busy': 'Arbetar…',

  'role.owner': 'Ägare',
  'role.facilitator': 'Lärare',
  'role.student': 'Student',

  'class.loading': 'Läser in kursen…',
  'class.back': 'Alla kurser',
  'class.role': 'Din roll: {role}',
  'class.id': 'Kurs-id',
  'class.joinCode': 'Kod för att gå med',
  'class.shareHint': 'Studenter går med från ”Mina kurser” med kurs-id och den här koden.',
  'class.missingId': 'Välj en kurs att öppna.',

  'sessions.title': 'Pass',
  'sessions.loading': 'Läser in pass…',
  'sessions.empty': 'Inga pass än.',
  'sessions.emptyFacilitator': 'Inga pass än. Starta ett när föreläsningen börjar.',
  'sessions.start': 'Starta pass',
  'sessions.titleLabel': 'Passets titel',
  'sessions.started': 'Startade ”{title}”.',
  'sessions.live': 'Pågår',
  'sessions.ended': 'Avslutat',
  'sessions.startedAt': 'Startade {time}',

  'placeholder.body': 'Öppna en av dina kurser:',
  'live.title': 'Stoa',
  'live.loading': 'Letar efter den pågående föreläsningen…',
  'live.noClass':
    'Stoa är inte konfigurerat för det här mötet ännu. En lärare lägger till det i mötets Stoa-flik.',
  'live.noSession':
    'Ingen föreläsning pågår just nu. Anteckningarna öppnas här så snart mötet börjar eller en lärare startar en runda.',
  'live.checkAgain': 'Kontrollera igen',
  'live.openClass': 'Öppna kursen',

  'notFound.title': 'Sidan hittades inte',
  'notFound.body': 'Det finns inget på den här adressen.',
  'notFound.home': 'Gå till mina kurser',

  'privacy.title': 'Integritetsmeddelande',
  'privacy.p1':
    'Stoa lagrar det du skapar i en kurs: ditt namn och dina användar- och klientorganisations-id i Teams, din roll, de delade anteckningarna, frågor, svar och röster. Uppgifterna lagras i databasen hos den organisation som driver Stoa och ingen annanstans.',
  'privacy.p2':
    'Kurskamrater ser bara det du publicerar öppet. När du publicerar anonymt får andra studenter aldrig ditt namn; lärarna ser det bara om kursen tillåter det.',
  'privacy.p3':
    'Stoa använder inga kakor för reklam eller spårning. Be din lärare eller din organisations administratör om du vill se, exportera eller radera dina uppgifter.',
  'terms.title': 'Användarvillkor',
  'terms.p1':
    'Stoa tillhandahålls av din organisation för undervisning och lärande. Använd det för kursen du går, och behandla dina kurskamrater med respekt.',
  'terms.p2':
    'Publicera inte innehåll som du inte har rätt att dela, andras personuppgifter eller något olagligt. Lärare får ta bort inlägg som bryter mot reglerna.',
  'terms.p3':
    'Stoa tillhandahålls i befintligt skick, utan garantier. Din organisations egna regler gäller också.',

  'common.retry': 'Försök igen',
  'common.required': 'Fyll i ”{field}”.',
  'common.close': 'Stäng',

  'errors.bad_request': 'Stoa förstod inte begäran.',
  'errors.invalid_json': 'Stoa förstod inte begäran.',
  'errors.validation_failed': 'Några av uppgifterna är inte giltiga. Kontrollera dem och försök igen.',
  'errors.unsupported_media_type': 'Stoa förstod inte begäran.',
  'errors.payload_too_large': 'Det är för mycket text för att skicka på en gång.',
  'errors.unauthenticated': 'Logga in igen.',
  'errors.invalid_token': 'Din inloggning har gått ut. Logga in igen.',
  'errors.forbidden': 'Kurs-id och kod stämmer inte överens.',
  'errors.insufficient_role': 'Bara lärare i den här kursen kan göra det.',
  'errors.not_a_member': 'Du är inte med i den här kursen.',
  'errors.class_not_set_up':
    'Stoa är inte igång här ännu. Mötesorganisatören, en presentatör eller den som lade till Stoa kan starta det.',
  'errors.guests_not_allowed': 'Den här kursen tar inte emot gäster. Be en lärare att lägga till dig.',
  'errors.wrong_tenant': 'Den här kursen tillhör en annan organisation.',
  'errors.not_found': 'Kursen eller passet finns inte, eller så är du inte med i det.',
  'errors.route_not_found': 'Den här versionen av fliken passar inte tjänsten. Ladda om sidan.',
  'errors.method_not_allowed': 'Den här versionen av fliken passar inte tjänsten. Ladda om sidan.',
  'errors.conflict': 'Den här konversationen har redan en kurs.',
  'errors.session_ended': 'Passet har avslutats.',
  'errors.round_refused':
    'Rundan kan inte ta emot det just nu (den kan ha gått vidare). Uppdatera och försök igen.',
  'errors.backstage_refused': 'Frågan kan inte ta emot det längre. Uppdatera listan och försök igen.',
  'errors.posting_paused': 'En lärare har pausat dina inlägg i den här kursen en stund.',
  'errors.last_owner': 'En kurs behöver minst en ägare. Gör någon annan till ägare först.',
  'errors.rate_limited': 'Du går lite för fort fram. Vänta en stund och försök igen.',
  'errors.dev_auth_disabled':
    'Inloggning för utveckling är avstängd i den här tjänsten. Öppna Stoa från Teams.',
  'errors.internal_error': 'Något gick fel hos oss. Försök igen om en stund.',
  'errors.service_unavailable': 'Stoa är upptaget eller startar om. Försök igen om en stund.',
  'errors.network': 'Det går inte att nå Stoa. Kontrollera anslutningen och försök igen.',
  'errors.unknown': 'Något oväntat hände. Försök igen.',

  ...notesSv,
  ...roundsSv,
  ...quickSv,
  ...dashboardSv,
  ...uiSv,
  ...peopleSv,
  ...backstageSv,
};
