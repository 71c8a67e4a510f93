/**
 * The error banner (data-testid="error": a bad file's message, exactly as the CLI prints it, while
 * the previous scenario keeps running) and the status line for loads in progress.
 */
import { el, setText } from './dom.ts';

export class Notices {
  readonly root: HTMLElement;
  private readonly errorBox = el('div', { class: 'error-box hidden', role: 'alert' });
  private readonly errorText = el('pre', { class: 'error-text', testid: 'error' });
  private readonly errorNote = el('div', { class: 'error-note' });
  private readonly status = el('div', { class: 'status hidden', testid: 'status' });

  constructor() {
    const close = el('button', { class: 'btn close', title: 'Dismiss' }, '✕');
    close.onclick = () => this.clearError();
    this.errorBox.append(el('div', { class: 'row' }, el('b', {}, 'Could not load the scenario'), el('span', { class: 'spacer' }), close), this.errorText, this.errorNote);
    this.root = el('div', { class: 'notices' }, this.status, this.errorBox);
  }

  showError(message: string, keptRunning: boolean): void {
    setText(this.errorText, message);
    setText(this.errorNote, keptRunning ? 'The previous scenario keeps running.' : '');
    this.errorBox.classList.remove('hidden');
  }

  clearError(): void {
    setText(this.errorText, '');
    this.errorBox.classList.add('hidden');
  }

  setStatus(text: string | null): void {
    setText(this.status, text ?? '');
    this.status.classList.toggle('hidden', !text);
  }
}
