/**
 * Script-tag build of the explanation code (`candor-explain.min.js`): `explain` from candor/core, handed to the
 * runtime. Most visitors never ask why, so the runtime that every page view loads does not carry it; the runtime
 * loads this file with the widget, or when the page calls `candor.loadExplanations()` for its own UI.
 */
import { explain } from '../core/explain/explain.js';

(window.__candor ??= {}).explain = explain;
