// okctl's public surface: the Probot application function (configured from the environment) and
// the pieces other tools may embed.
import type { ApplicationFunction } from "probot";
import { appOptionsFromEnv } from "./app/config-from-env.js";
import { okctlApp } from "./app/okctl-app.js";

export { okctlApp, type OkctlAppOptions } from "./app/okctl-app.js";
export { loadDeclaration } from "./declaration/load.js";

/** For `probot run dist/src/index.js`: okctl configured from the environment. */
const app: ApplicationFunction = async (probot, options) => okctlApp(await appOptionsFromEnv(process.env))(probot, options);
export default app;
