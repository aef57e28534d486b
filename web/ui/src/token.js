// The access token of a server started with --token-file or
// ACTORGRAPH_TOKEN. The viewer asks for it when the API first answers 401,
// once for all the requests that were refused together, and keeps it in
// sessionStorage: for this tab only, gone when the tab closes. It is sent
// only in the Authorization header, never in a URL.

import { h } from './dom.js';

export const TOKEN_KEY = 'actorgraph.token';

/**
 * createAuth returns the token source the API client uses. storage is
 * Storage-like ({getItem, setItem, removeItem}); ask({rejected}) resolves
 * to what the user typed, or null when they cancel.
 *   token()          the current token, or null
 *   renew(rejected)  a token to try instead of the rejected one (null when
 *                    none was sent): the stored one when another request
 *                    has renewed it meanwhile, else the user's answer
 */
export function createAuth({ storage, ask }) {
  let pending = null;
  const read = () => {
    try {
      return storage?.getItem(TOKEN_KEY) || null;
    } catch {
      return null;
    }
  };
  const write = (token) => {
    try {
      if (token) storage?.setItem(TOKEN_KEY, token);
      else storage?.removeItem(TOKEN_KEY);
    } catch {
      // Storage unavailable: the token lives as long as the request does.
    }
  };
  return {
    token: read,
    renew(rejected) {
      const current = read();
      if (current && current !== rejected) return Promise.resolve(current);
      if (!pending) {
        write(null);
        pending = Promise.resolve(ask({ rejected: Boolean(rejected) }))
          .then((answer) => {
            const token = String(answer ?? '').trim() || null;
            write(token);
            return token;
          })
          .finally(() => {
            pending = null;
          });
      }
      return pending;
    },
  };
}

/** tokenDialog returns an ask function that shows a modal dialog. */
export function tokenDialog() {
  return ({ rejected } = {}) =>
    new Promise((resolve) => {
      const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
      const cancel = h('button', { type: 'button', text: 'Cancel' });
      const title = h('h2', { id: 'token-title', text: 'Access token' });
      const dialog = h(
        'dialog',
        { id: 'token-dialog', 'aria-labelledby': 'token-title', 'aria-describedby': 'token-help' },
        h(
          'form',
          { method: 'dialog' },
          title,
          h('p', {
            id: 'token-help',
            text: rejected
              ? 'That token was not accepted. Enter the token this server was started with.'
              : 'This actorgraph server asks for an access token. It is kept for this tab only.',
          }),
          h('label', { for: 'token-input', text: 'Token' }),
          input,
          h('div', { class: 'row' }, h('button', { type: 'submit', value: 'ok', text: 'Sign in' }), cancel),
        ),
      );
      // Styles through the CSSOM only (the page's CSP has no inline styles).
      Object.assign(dialog.style, { maxWidth: '26rem', padding: '1rem 1.25rem' });
      title.style.marginTop = '0';
      Object.assign(input.style, { display: 'block', width: '100%', boxSizing: 'border-box', margin: '0.25rem 0 0.75rem' });
      cancel.addEventListener('click', () => dialog.close(''));
      dialog.addEventListener('close', () => {
        const answer = dialog.returnValue === 'ok' ? input.value : '';
        dialog.remove();
        resolve(answer.trim() || null);
      });
      document.body.append(dialog);
      dialog.showModal();
      input.focus();
    });
}

/** browserAuth is the viewer's token source: sessionStorage and the dialog. */
export function browserAuth() {
  let storage = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage blocked: ask on every refused request.
  }
  return createAuth({ storage, ask: tokenDialog() });
}
