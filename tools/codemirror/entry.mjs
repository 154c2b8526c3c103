// The editor of the snippets' « Modifier et exécuter » / "Edit and run" (docs/assets/editrun/editrun.js):
// CodeMirror 6 with Python, and only what that editor uses (no autocompletion, no search panel).
import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching, indentOnInput, indentUnit, syntaxHighlighting, defaultHighlightStyle,
} from "@codemirror/language";
import { python } from "@codemirror/lang-python";

/* An editor for `doc` in `parent`. Tab indents; Escape then Tab (or Shift+Tab) leaves the editor,
 * CodeMirror's own way out for keyboard users. `label` names the editing area for screen readers.
 * Returns the EditorView (view.state.doc.toString() is the code; setCode replaces it). */
export function createEditor(parent, doc, label) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        indentUnit.of("    "),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        python(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // Long lines wrap: no sideways scrolling on a phone, no scrollable region without a tab stop.
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label }),
      ],
    }),
  });
  return view;
}

export function setCode(view, code) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
}
