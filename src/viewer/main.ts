/**
 * Entry point of the viewer page: builds the app on the page's #app element and opens the scenario
 * the URL names (the built-in default without parameters). `window.watchline` exposes the app for
 * scripts, the end-to-end tests and the benchmark.
 */
import './style.css';
import { ViewerApp } from './app.ts';

declare global {
  interface Window {
    watchline?: ViewerApp;
  }
}

const host = document.getElementById('app')!;
const app = new ViewerApp(host);
window.watchline = app;
void app.start();
