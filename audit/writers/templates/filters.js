(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  bar.hidden = false;
  var info = {};
  Array.prototype.forEach.call(document.querySelectorAll("li.finding[data-fid]"), function (li) {
    info[li.getAttribute("data-fid")] = {cat: li.getAttribute("data-cat"), sev: li.getAttribute("data-sev"), cls: li.getAttribute("data-cls"), li: li, on: true};
  });
  function ids(el, attr) { return (el.getAttribute(attr) || "").split(" ").filter(function (x) { return x; }); }
  function checked(kind) {
    var on = {};
    Array.prototype.forEach.call(bar.querySelectorAll('input[data-kind="' + kind + '"]'), function (box) { on[box.value] = box.checked; });
    return on;
  }
  function apply() {
    var cats = checked("cat"), sevs = checked("sev");
    var flaggedOnly = bar.querySelector('input[name="show"][value="flagged"]').checked;
    Object.keys(info).forEach(function (id) {
      var f = info[id];
      f.on = cats[f.cat] !== false && sevs[f.sev] !== false;
      f.li.hidden = !f.on;
    });
    Array.prototype.forEach.call(document.querySelectorAll("mark.hl"), function (m) {
      var best = null;
      ids(m, "data-f").some(function (id) { if (info[id] && info[id].on) { best = info[id]; return true; } return false; });
      m.className = "hl " + (m.classList.contains("pt") ? "pt " : "") + (best ? best.cls : "off");
    });
    var shown = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".passage"), function (row) {
      var mine = ids(row, "data-fids");
      var visible = mine.some(function (id) { return info[id] && info[id].on; });
      var suspectOnly = mine.length === 0 && row.getAttribute("data-suspect") === "1";
      row.classList.toggle("dim", mine.length > 0 && !visible);
      var hide = flaggedOnly && !visible && !suspectOnly;
      row.hidden = hide;
      if (!row.classList.contains("gap")) { total += 1; if (!hide) { shown += 1; } }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".para"), function (para) {
      para.hidden = para.querySelector(".passage:not([hidden])") === null;
    });
    var count = document.getElementById("shown");
    if (count) { count.textContent = "showing " + shown + " of " + total + " passages"; }
  }
  bar.addEventListener("change", apply);
  var reset = document.getElementById("reset");
  if (reset) {
    reset.addEventListener("click", function () {
      Array.prototype.forEach.call(bar.querySelectorAll('input[type="checkbox"]'), function (box) { box.checked = true; });
      bar.querySelector('input[name="show"][value="all"]').checked = true;
      apply();
    });
  }
  apply();
})();
