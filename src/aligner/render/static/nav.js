// aligner reports: the row navigation both pages share (n / p, the buttons, the position).
// Each page's own script comes after this one and calls alignerNav once.
function alignerNav(bar, pos) {
  "use strict";
  var rows = [], index = -1, focused = null;

  function showPosition() {
    if (!rows.length) { pos.textContent = "no difference here"; return; }
    pos.textContent = index < 0 ? rows.length + " to visit" : "difference " + (index + 1) + " of " + rows.length;
  }

  function barBottom() { return bar.getBoundingClientRect().bottom; }

  // index of the first row below the sticky bar (binary search: rows are in order)
  function firstBelow(edge) {
    var lo = 0, hi = rows.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (rows[mid].getBoundingClientRect().top > edge) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  function isInView(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > barBottom() && r.top < window.innerHeight;
  }

  function focusRow(row) {
    if (focused) focused.classList.remove("cur");
    focused = row;
    row.classList.add("cur");
    if (!row.hasAttribute("tabindex")) row.setAttribute("tabindex", "-1");
    row.scrollIntoView({ block: "center" });
    row.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#" + row.id);
  }

  // the next (step 1) or previous (-1) row: from the focused row while it is in view, else from the bar
  function go(step) {
    if (!rows.length) return;
    var target;
    if (focused && index >= 0 && rows[index] === focused && isInView(focused)) target = index + step;
    else { var below = firstBelow(barBottom() + 2); target = step > 0 ? below : below - 1; }
    target = Math.max(0, Math.min(rows.length - 1, target));
    focusRow(rows[target]);
    index = target;
    showPosition();
  }

  document.getElementById("next").addEventListener("click", function () { go(1); });
  document.getElementById("prev").addEventListener("click", function () { go(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) {
      if (t.type !== "radio" && t.type !== "checkbox") return;
    }
    if (e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "p") { go(-1); e.preventDefault(); }
  });

  return {
    // the rows to visit now (after a filter or view change), in reading order
    setRows: function (list) { rows = list; index = -1; showPosition(); },
    focusRow: focusRow
  };
}
