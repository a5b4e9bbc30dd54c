// aligner report of several sources: the view switch, navigation, filters, side by side, facts.
// The page reads fully without this script (every source's text, one after the other).
(function () {
  "use strict";
  var main = document.getElementById("rows");
  var ctl = document.getElementById("ctl");
  var empty = document.getElementById("empty");
  var bar = document.getElementById("bar");
  var viewSelect = document.getElementById("view");
  var onlySelect = document.getElementById("only");
  var groups = JSON.parse(main.getAttribute("data-groups") || "[]");
  var views = {};
  Array.prototype.forEach.call(main.querySelectorAll("section.view"), function (v) { views[v.getAttribute("data-v")] = v; });
  var names = {};
  Array.prototype.forEach.call(viewSelect.options, function (o) { names[o.value] = o.textContent; });
  // rows the navigation visits under each filter
  var NAV = { "": ".r.d", diff: ".r.d", x: ".r.x", one: ".r.o" };
  var current = viewSelect.value, filter = "";
  var nav = alignerNav(bar, document.getElementById("pos"));

  ctl.hidden = false;

  function view() { return views[current]; }

  function setView(id) {
    if (!views[id]) return;
    current = id;
    viewSelect.value = id;
    for (var v in views) views[v].hidden = v !== id;
    Array.prototype.forEach.call(bar.querySelectorAll("nav.strip"), function (s) { s.hidden = s.getAttribute("data-v") !== id; });
    setFilter(filter);
  }

  function setFilter(value) {
    filter = value;
    if (value) main.setAttribute("data-filter", value); else main.removeAttribute("data-filter");
    var blocks = view().querySelectorAll(".blk"), shown = 0;
    for (var i = 0; i < blocks.length; i++) {
      var any = !value || blocks[i].querySelector(NAV[value]) !== null;
      blocks[i].hidden = !any;
      if (any) shown++;
    }
    empty.hidden = shown > 0 || !blocks.length;
    var radio = ctl.querySelector('input[name="f"][value="' + value + '"]');
    if (radio) radio.checked = true;
    if (value !== "one") onlySelect.value = "";
    nav.setRows(view().querySelectorAll(NAV[value]));
  }

  // show an element of the page: its source's view, without a filter hiding it
  function reveal(el) {
    var section = el.closest && el.closest("section.view");
    if (section && section.getAttribute("data-v") !== current) setView(section.getAttribute("data-v"));
    if (filter && el.closest && main.contains(el) && el.offsetParent === null) setFilter("");
    var d = el.closest && el.closest("details");
    if (d) d.open = true;
  }

  // every wording of the clicked sentence's statement, side by side after its row
  function toggleCompare(row) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains("cmp")) { next.remove(); return; }
    var g = groups[parseInt(row.getAttribute("data-g"), 10)];
    var here = row.id.replace(/[0-9]+$/, "");
    var box = document.createElement("div");
    box.className = "cmp";
    var parts = {};
    g[1].forEach(function (p) { parts[p[0]] = p; });
    for (var id in views) {
      var cell = document.createElement("div");
      var head = document.createElement("div");
      head.className = "hd";
      var p = parts[id];
      head.textContent = names[id] + (p ? (id === g[0] ? " · base" : " · " + p[3] + " " + p[4]) : "");
      cell.appendChild(head);
      if (!p) {
        var none = document.createElement("div");
        none.className = "missing";
        none.textContent = "not stated";
        cell.appendChild(none);
      } else {
        p[1].forEach(function (segId) {
          var t = document.getElementById(segId).querySelector(".t").cloneNode(true);
          cell.appendChild(t);
        });
      }
      if (id === here) cell.className = "here";
      box.appendChild(cell);
    }
    row.parentNode.insertBefore(box, row.nextSibling);
  }

  var lit = [];
  function highlightFact(n) {
    lit.forEach(function (el) { el.classList.remove("hl", "sel"); });
    lit = Array.prototype.slice.call(document.querySelectorAll('[data-f~="' + n + '"]'));
    lit.forEach(function (el) { el.classList.add(el.tagName === "TR" ? "sel" : "hl"); });
    var marks = lit.filter(function (el) { return el.tagName === "MARK"; });
    var inView = marks.filter(function (el) { return view().contains(el); });
    var first = inView[0] || marks[0];
    if (first) { reveal(first); first.scrollIntoView({ block: "center" }); }
  }

  viewSelect.addEventListener("change", function () { setView(viewSelect.value); });
  onlySelect.addEventListener("change", function () {
    if (!onlySelect.value) return;
    var id = onlySelect.value;
    setView(id);
    setFilter("one");
    onlySelect.value = id;
  });
  ctl.addEventListener("change", function (e) { if (e.target.name === "f") setFilter(e.target.value); });

  document.addEventListener("click", function (e) {
    var t = e.target;
    var only = t.closest && t.closest("a[data-only]");
    if (only) {
      e.preventDefault();
      onlySelect.value = only.getAttribute("data-only");
      onlySelect.dispatchEvent(new Event("change"));
      view().scrollIntoView();
      return;
    }
    var fr = t.closest && t.closest("tr.fr");
    if (fr) { highlightFact(fr.getAttribute("data-f")); return; }
    var a = t.closest && t.closest('a[href^="#"]');
    if (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (target) {
        reveal(target);
        if (target.classList.contains("r")) { e.preventDefault(); nav.focusRow(target); }
      }
      return;
    }
    var text = t.closest && t.closest(".r[data-g] > .t");
    if (text && main.contains(text) && !(window.getSelection && String(window.getSelection()))) {
      toggleCompare(text.parentNode);
    }
  });

  var start = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
  setView(current);
  if (start) { reveal(start); start.scrollIntoView({ block: "center" }); }
})();
