/**
 * The image's HEALTHCHECK (the slim base has no curl): `node dist/server/healthcheck.js` asks the service's
 * `/readyz` on PORT; `... healthcheck.js bot` asks the bot's `/healthz` on BOT_PORT. Exit 0 when it answers 200.
 */
const bot = process.argv[2] === 'bot';
const port = bot ? (process.env.BOT_PORT ?? '3978') : (process.env.PORT ?? '3000');
const url = `http://127.0.0.1:${port}${bot ? '/healthz' : '/readyz'}`;

fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  (err: unknown) => {
    console.error(`healthcheck: ${url}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
