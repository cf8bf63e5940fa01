/** Every sentence the bot says outside a card, in one place so tone and wording stay consistent. */
export const MESSAGES = {
  unknownCommand: "Sorry, I don't know that command. Type **help** to see what I can do.",
  whoAreYou:
    "Sorry, I can't tell who you are in this conversation, so I can't act for you. " +
    'Please message me from Microsoft Teams.',
  unsupportedConversation: "Sorry, I can't work in this conversation. Please message me in Microsoft Teams.",
  somethingWentWrong: 'Sorry, something went wrong on my side. Please try again in a moment.',
  slowDown: "Sorry, that's a lot at once. Please wait a moment and try again.",
  notSetUp:
    "Stoa isn't set up in this conversation yet, so there is nothing to join here. Whoever added Stoa, " +
    'the meeting organizer or a presenter can start it with a command or the Stoa tab; then you can take part.',
  guestsNotAllowed:
    "This class doesn't let guests take part on their own. Please ask a facilitator to add you.",
  serviceUnreachable: "Sorry, I can't reach Stoa right now. Please try again in a moment.",
} as const;
