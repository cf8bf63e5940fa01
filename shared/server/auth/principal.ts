/** The person a request acts for, after the token was verified. */
export interface Principal {
  tenantId: string;
  userId: string;
  name: string;
  /** `bot` when the Stoa bot acts for this person; only the bot's own credential can produce it. */
  via: 'user' | 'bot';
  /** App roles from the Entra token (`roles` claim), e.g. for tenant administrators. */
  roles: string[];
  /**
   * The Teams conversation the bot acts in (bot tokens only): the bot vouches that the person is in it,
   * so in the class bound to it they count as a student from their first action (see `findMember`).
   */
  conversationId?: string;
}
