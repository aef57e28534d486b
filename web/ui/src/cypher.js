// The Cypher editor: CodeMirror 6 with the Cypher stream mode, Ctrl+Enter to
// run, and server errors underlined at their line and column.
//
// The editor is mounted in a shadow root on purpose. CodeMirror injects its
// styles through style-mod, which uses a <style> element in a document but a
// constructed (adopted) stylesheet in a shadow root; the CSP
// (style-src 'self', no 'unsafe-inline', no nonce) refuses the first and
// allows the second.

import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, placeholder } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { setDiagnostics } from '@codemirror/lint';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';
import { errorRange } from './queries.js';

// Typing over a selection that spans lines is left to the browser by
// CodeMirror; Chrome then merges the line elements and tries to keep their
// look with inline style attributes, which the CSP refuses (and reports).
// Doing the replacement ourselves keeps the browser's editing out of it.
const replaceSelectionOnType = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const sel = view.state.selection;
    if (event.inputType !== 'insertText' || !event.data || sel.ranges.every((r) => r.empty) || view.composing) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { scrollIntoView: true, userEvent: 'input.type' });
    return true;
  },
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: '#fff', minHeight: '120px' },
  '&.cm-focused': { outline: '3px solid #f08c00' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '120px' },
  '.cm-gutters': { backgroundColor: '#f1f3f5', color: '#868e96', border: 'none' },
  '.cm-lintRange-error': { textDecoration: 'underline wavy #c92a2a' },
});

/**
 * createCypherEditor mounts the editor on host and returns its controls.
 * @param {HTMLElement} host
 * @param {{onRun: () => void, onChange?: (text: string) => void, doc?: string, label?: string}} opts
 */
export function createCypherEditor(host, { onRun, onChange, doc = '', label = 'Cypher query' }) {
  const root = host.attachShadow({ mode: 'open' });
  let hasError = false;
  let view;
  const clear = () => {
    hasError = false;
    view.dispatch(setDiagnostics(view.state, []));
  };
  const run = () => {
    onRun();
    return true;
  };
  view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        StreamLanguage.define(cypher),
        EditorView.lineWrapping,
        syntaxHighlighting(defaultHighlightStyle),
        placeholder('MATCH (a:Actor)-[r]->(b) RETURN a, r, b LIMIT 25'),
        keymap.of([{ key: 'Mod-Enter', run }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        replaceSelectionOnType,
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          // An error position is stale once the text changes; it cannot be
          // cleared inside this update, so clear it right after.
          if (hasError) queueMicrotask(clear);
          onChange?.(u.state.doc.toString());
        }),
        theme,
      ],
    }),
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    showError(line, column, message) {
      const { from, to } = errorRange(view.state.doc.toString(), line, column);
      hasError = true;
      view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message }]));
    },
    clearError: clear,
    focus: () => view.focus(),
  };
}
