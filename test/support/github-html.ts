// Markdown → HTML as GitHub renders a comment (a pull request comment is about 880 px wide on a desktop): GitHub-flavoured Markdown with line breaks, alerts
// (> [!CAUTION] …), raw <details>/<summary>, diff colouring, and ```mermaid blocks left for the
// mermaid library to draw in the page. Close enough to judge what a reviewer sees.
import { Marked, type Tokens } from "marked";
import markedAlert from "marked-alert";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** GitHub's diff highlighting: the first character of each line picks the colour. */
function diffHtml(code: string): string {
  return code.split("\n").map((line) => {
    const marker = line.trimStart()[0];
    const kind = line.startsWith("-/+") ? "replace" : marker === "+" ? "inserted" : marker === "-" ? "deleted" : marker === "!" ? "changed" : marker === "#" ? "comment" : marker === "@" ? "range" : "plain";
    return `<span class="diff-${kind}">${escapeHtml(line)}</span>`;
  }).join("\n");
}

const marked = new Marked({ gfm: true, breaks: true }, markedAlert(), {
  renderer: {
    code(token: Tokens.Code): string {
      if (token.lang === "mermaid") return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`;
      const body = token.lang === "diff" ? diffHtml(token.text) : escapeHtml(token.text);
      return `<pre><code class="language-${escapeHtml(token.lang ?? "")}">${body}</code></pre>\n`;
    },
  },
});

const STYLE = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; background: #fff; }
.comment { width: 880px; margin: 16px; padding: 16px; border: 1px solid #d1d9e0; border-radius: 6px; box-sizing: border-box; overflow-wrap: break-word; }
code, pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
:not(pre) > code { background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 16px; overflow: auto; border-radius: 6px; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-alert { padding: .5rem 1rem; margin-bottom: 16px; border-left: .25em solid; }
.markdown-alert-caution { border-color: #cf222e; } .markdown-alert-warning { border-color: #9a6700; }
.markdown-alert-important { border-color: #8250df; } .markdown-alert-note { border-color: #0969da; }
.markdown-alert-tip { border-color: #1a7f37; }
.markdown-alert-title { font-weight: 600; }
details { margin-bottom: 16px; } summary { cursor: pointer; }
table { border-collapse: collapse; } td, th { border: 1px solid #d1d9e0; padding: 6px 13px; }
.diff-inserted { color: #116329; background: #dafbe1; } .diff-deleted { color: #82071e; background: #ffebe9; }
.diff-changed { color: #953800; background: #fff1e5; } .diff-replace { color: #82071e; background: #ffebe9; }
.diff-comment { color: #59636e; } .diff-range { color: #8250df; }
`;

/** A whole page holding one rendered comment. */
export function githubCommentPage(markdown: string, title: string): string {
  const html = marked.parse(markdown, { async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><div class="comment" id="comment">${html}</div></body></html>`;
}
