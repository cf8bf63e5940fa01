/**
 * Function words of English and Swedish that carry no topic, plus the question words every question has
 * ("what", "vad", "explain"), which would otherwise make every pair of questions look alike. Written in
 * the folded form `normalize` produces (lower case, no diacritics: "är" -> "ar").
 */
const ENGLISH = `a about above after again against all also am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don down during each
few for from further had has have having he her here hers him his how i if in into is isn it its itself just
me more most my no nor not now of off on once only or other our ours out over own really same she should so
some such than that the their theirs them then there these they this those through to too under until up
very was wasn we were what when where which while who whom why will with would you your yours
anyone someone somebody something thing things get got mean means meant please thanks thank
explain explained understand understood know question questions difference different differ differs
actually exactly example examples meaning instead better worse happen happens happened
end ends ended`;

const SWEDISH = `alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt
du efter eller en ett era ert fick fran for forst fa gor gora gjorde ha hade han hans har henne hennes hon
honom hur har i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu
nar nagon nagot nagra och om oss pa samma sedan sig sin sina sitta sjalv skulle som sa sadan sadana till
under upp ut utan vad var vara varfor varit varje vars vart vem vi vid vilka vilkas vilken vilket ar at
over forklara forsta betyder betyda fraga fragor skillnad skillnaden skiljer exempel egentligen`;

/** Stopwords of both languages, folded. */
export const STOPWORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${SWEDISH}`.split(/\s+/).filter(Boolean));
