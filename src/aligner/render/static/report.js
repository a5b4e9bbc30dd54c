// aligner report: navigation, filters, script toggle, fact highlighting.
// The page reads fully without this script; it only adds controls.
(function () {
  "use strict";
  var main = document.getElementById("rows");
  var bar = document.getElementById("bar");
  var ctl = document.getElementById("ctl");
  var empty = document.getElementById("empty");
  var norm = document.getElementById("norm");
  var blocks = main.querySelectorAll(".blk");
  // rows the navigation visits under each filter
  var NAV = { "": ".r.d", diff: ".r.d", x: ".r.x", one: ".r.a, .r.b" };
  var filter = "";
  var nav = alignerNav(bar, document.getElementById("pos"));

  ctl.hidden = false;

  function refreshNav() { nav.setRows(main.querySelectorAll(NAV[filter])); }

  function setFilter(value) {
    filter = value;
    if (value) main.setAttribute("data-f", value); else main.removeAttribute("data-f");
    var shown = 0;
    // a block whose rows are all filtered out would keep its placeholder height
    for (var i = 0; i < blocks.length; i++) {
      var any = !value || blocks[i].querySelector(value === "diff" ? ".r.d, .r.g" : NAV[value]) !== null;
      blocks[i].classList.toggle("none", !any);
      if (any) shown++;
    }
    empty.hidden = shown > 0;
    var radio = ctl.querySelector('input[name="f"][value="' + value + '"]');
    if (radio) radio.checked = true;
    refreshNav();
  }

  // make an element reachable: show its row under any filter, open its details
  function reveal(el) {
    if (filter && el.closest && main.contains(el) && el.offsetParent === null) setFilter("");
    var d = el.closest && el.closest("details");
    if (d) d.open = true;
    if (norm.checked && el.closest && el.closest(".o")) { norm.checked = false; showNorm(false); }
  }

  // The common-script text travels as one character table per side (html.common_script:
  // data-ca / data-cb on #rows, pairs of characters) applied to every segment, except
  // segments with a data-n delta of the original (html.norm_delta):
  // "<length>;" then =k keep, -k skip, +k:chars write, ~k:chars replace k.
  function decodeNorm(orig, delta) {
    var semi = delta.indexOf(";");
    var src = Array.from(orig);
    if (semi < 0 || src.length !== parseInt(delta.slice(0, semi), 10)) return null;
    var d = Array.from(delta.slice(semi + 1));
    var out = [], i = 0, p = 0;
    while (p < d.length) {
      var op = d[p++], k = 0;
      while (p < d.length && d[p] >= "0" && d[p] <= "9") k = k * 10 + d[p++].charCodeAt(0) - 48;
      if (op === "=") { out.push(src.slice(i, i + k).join("")); i += k; }
      else if (op === "-") { i += k; }
      else if (op === "+" || op === "~") {
        p++;  // the ':'
        out.push(d.slice(p, p + k).join(""));
        p += k;
        if (op === "~") i += k;
      } else return null;
    }
    return out.join("");
  }

  function charTable(pairs) {
    var chars = Array.from(pairs || ""), table = new Map();
    for (var c = 0; c + 1 < chars.length; c += 2) table.set(chars[c], chars[c + 1]);
    return table;
  }

  function translate(orig, table) {
    var out = "", changed = false;
    for (var ch of orig) {
      var to = table.get(ch);
      if (to !== undefined) { out += to; changed = true; } else out += ch;
    }
    return changed ? out : orig;
  }

  function normalizeSide(cell, pairs) {
    var table = charTable(pairs);
    var segs = main.querySelectorAll(cell + " .t");
    for (var s = 0; s < segs.length; s++) {
      var t = segs[s];
      var orig = t.textContent;
      var text = t.hasAttribute("data-n") ? decodeNorm(orig, t.getAttribute("data-n")) : translate(orig, table);
      if (text === null || text === orig) continue;
      var o = document.createElement("span");
      o.className = "o";
      while (t.firstChild) o.appendChild(t.firstChild);
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = text;
      t.appendChild(o);
      t.appendChild(n);
    }
  }

  var normReady = false;
  function showNorm(on) {
    if (on && !normReady) {
      normReady = true;
      normalizeSide(".A", main.getAttribute("data-ca"));
      normalizeSide(".B", main.getAttribute("data-cb"));
    }
    main.classList.toggle("nrm", on);
  }

  var lit = [];
  function highlightFact(n) {
    lit.forEach(function (el) { el.classList.remove("hl", "sel"); });
    lit = Array.prototype.slice.call(document.querySelectorAll('[data-f~="' + n + '"]'));
    lit.forEach(function (el) { el.classList.add(el.tagName === "TR" ? "sel" : "hl"); });
    lit.forEach(function (el) { if (el.tagName !== "TR") reveal(el); });
  }

  ctl.addEventListener("change", function (e) {
    if (e.target.name === "f") setFilter(e.target.value);
    if (e.target === norm) showNorm(norm.checked);
  });
  document.addEventListener("click", function (e) {
    var t = e.target;
    var fr = t.closest && t.closest("tr.fr");
    if (fr) { highlightFact(fr.getAttribute("data-f")); }
    var m = t.closest && t.closest("mark[data-f]");
    if (m) { highlightFact(m.getAttribute("data-f").split(" ")[0]); }
    var a = t.closest && t.closest('a[href^="#"]');
    if (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (target) {
        reveal(target);
        var row = target.closest(".r");
        if (row) { e.preventDefault(); nav.focusRow(row); if (target !== row) target.scrollIntoView({ block: "center" }); }
      }
    }
  });
  refreshNav();
  if (location.hash.length > 1) {
    var start = document.getElementById(location.hash.slice(1));
    if (start) { reveal(start); start.scrollIntoView({ block: "center" }); }
  }
})();
