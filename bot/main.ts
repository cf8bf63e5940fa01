import { createBot } from './createBot';
import { parseBotEnv } from './env';

/** Entry point: parse the environment, start, print the endpoint, and stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let env;
  try {
    env = parseBotEnv(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const bot = await createBot(env);
  console.log(
    `Stoa bot: ${bot.url}/api/messages (${env.MicrosoftAppId ? 'Bot Framework auth' : 'anonymous'})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stoa bot: ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    bot.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Stoa bot: shutdown failed:', err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Stoa bot failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
