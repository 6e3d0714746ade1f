// The browser-side contract of a VS Code webview, for hosting the panel in a plain page: VS Code
// defines acquireVsCodeApi() (callable once) with postMessage/getState/setState, and posts host
// messages to the window. Here posted messages are recorded, state lives in sessionStorage (so it
// survives a reload, as VS Code's does), and CSP violations are collected for the tests.
(function () {
  const params = new URLSearchParams(location.search);
  const themeClass = { dark: 'vscode-dark', hc: 'vscode-high-contrast' }[params.get('theme')] || 'vscode-light';
  document.body.classList.add(themeClass);
  const posted = [];
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  let acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage(message) { posted.push(JSON.parse(JSON.stringify(message))); },
      getState() { const s = sessionStorage.getItem('vscode-state'); return s === null ? undefined : JSON.parse(s); },
      setState(state) { sessionStorage.setItem('vscode-state', JSON.stringify(state)); return state; },
    });
  };
  window.__harness = {
    posted,
    violations,
    /** A host → webview message, delivered as VS Code does: a MessageEvent on the window. */
    send(message) { window.postMessage(message, '*'); },
    setTheme(kind) {
      document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
      document.body.classList.add({ dark: 'vscode-dark', hc: 'vscode-high-contrast' }[kind] || 'vscode-light');
    },
    /** A computed style of the first element matching `selector` ('body' for the page). */
    style(selector, property) {
      const el = document.querySelector(selector);
      return el ? getComputedStyle(el).getPropertyValue(property) : null;
    },
    /** The focused element's id and data-task-id. */
    focused() {
      const el = document.activeElement;
      return { id: el ? el.id : '', taskId: el ? el.getAttribute('data-task-id') : null };
    },
    count(selector) { return document.querySelectorAll(selector).length; },
    /** Painted (non-transparent) pixels of the chart's canvas. */
    chartInk() {
      const canvas = document.querySelector('.day-chart canvas');
      if (!canvas) return 0;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    },
  };
})();
