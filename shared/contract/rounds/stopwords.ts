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
anyone someone somebody something thing things get got please thanks thank actually exactly instead`;

/** Words every question has ("explain", "what does it mean"), which would make any two questions alike. */
const ENGLISH_QUESTION = `mean means meant explain explained understand understood know question questions
difference different differ differs example examples meaning better worse happen happens happened
end ends ended`;

const SWEDISH = `alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt
du efter eller en ett era ert fick fran for forst fa gor gora gjorde ha hade han hans har henne hennes hon
honom hur har i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu
nar nagon nagot nagra och om oss pa samma sedan sig sin sina sitta sjalv skulle som sa sadan sadana till
under upp ut utan vad var vara varfor varit varje vars vart vem vi vid vilka vilkas vilken vilket ar at
over egentligen`;

const SWEDISH_QUESTION = `forklara forsta betyder betyda fraga fragor skillnad skillnaden skiljer exempel`;

/**
 * Function words a word cloud drops on top of those above: contractions split by `normalize` ("don't" ->
 * "don t"), and Swedish forms the question list does not need. A cloud keeps "example" or "difference":
 * there they are answers, not the scaffolding of a question.
 */
const CLOUD_EXTRA = `s t ll re ve d m im ive id youre dont doesnt didnt isnt cant wont its lets
ok yes yeah nej ja hej dom mej dej sej nat nagonting ingenting hos dar har dit hit sa bara ocksa
aven alltsa da nog redan annars kanske mer mest`;

const words = (...lists: string[]) => new Set(lists.join(' ').split(/\s+/).filter(Boolean));

/** Stopwords of both languages for comparing questions (function words and question words), folded. */
export const STOPWORDS: ReadonlySet<string> = words(ENGLISH, ENGLISH_QUESTION, SWEDISH, SWEDISH_QUESTION);

/** Stopwords of both languages for a word cloud: function words only, folded. */
export const CLOUD_STOPWORDS: ReadonlySet<string> = words(ENGLISH, SWEDISH, CLOUD_EXTRA);
