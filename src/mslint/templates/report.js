
"use strict";
// Builds the report's interactive parts from its data. Every piece of text goes in as a text
// node (textContent), never as HTML: the manuscript's words cannot become markup here.
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const findings = data.findings;
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    for (const child of children) node.append(child);
    return node;
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function tally(values) {
    const counts = new Map();
    for (const value of values) counts.set(value, (counts.get(value) || 0) + 1);
    return counts;
  }

  function piecesOf(index) {
    return document.querySelectorAll(`mark[data-finding="${index}"]`);
  }

  // --- summary -------------------------------------------------------------------------------

  function summary() {
    const levels = tally(findings.map((f) => f.level));
    const words = data.chapters.reduce((sum, chapter) => sum + chapter.words, 0);
    const parts = data.levels.filter((level) => levels.get(level)).map((level) => plural(levels.get(level), level));
    const found = parts.length ? parts.join(", ") : "no findings";
    document.getElementById("summary").textContent =
      `${found} in ${plural(data.chapters.length, "chapter")} of ${plural(words, "word")} (mslint ${data.mslint})`;
  }

  // --- filters -------------------------------------------------------------------------------

  const shown = { level: new Set(data.levels), rule: new Set(Object.keys(data.rules)), voice: new Set(data.voices) };

  function filterGroup(kind, legend, values, counts) {
    const group = el("fieldset", { "data-filter": kind }, el("legend", {}, legend));
    for (const value of values) {
      const box = el("input", { type: "checkbox", name: kind, value: value, checked: "" });
      box.addEventListener("change", () => {
        if (box.checked) shown[kind].add(value);
        else shown[kind].delete(value);
        applyFilters();
      });
      group.append(el("label", {}, box, ` ${value} `, el("span", { class: "count" }, `(${counts.get(value) || 0})`)));
    }
    return group;
  }

  function filters() {
    const form = document.getElementById("filters");
    form.append(
      filterGroup("level", "Level", data.levels, tally(findings.map((f) => f.level))),
      filterGroup("rule", "Rule", Object.keys(data.rules), tally(findings.map((f) => f.rule))),
      filterGroup("voice", "Voice", data.voices, tally(findings.map((f) => f.voice))),
    );
    form.addEventListener("submit", (event) => event.preventDefault());
  }

  function visible(f) {
    return shown.level.has(f.level) && shown.rule.has(f.rule) && shown.voice.has(f.voice);
  }

  function applyFilters() {
    findings.forEach((f, index) => {
      const on = visible(f);
      for (const piece of piecesOf(index)) {
        piece.classList.toggle("filtered", !on);
        if (piece.hasAttribute("tabindex")) piece.setAttribute("tabindex", on ? "0" : "-1");
      }
      const item = document.getElementById(`item-${index}`);
      if (item) item.hidden = !on;
    });
    hideTip();
  }

  // --- the list of findings ------------------------------------------------------------------

  function findingList() {
    const list = document.getElementById("finding-list");
    data.chapters.forEach((chapter, number) => {
      const items = el("ol");
      findings.forEach((f, index) => {
        if (f.chapter !== number) return;
        const words = [el("span", { class: "where" }, `${f.line}:${f.column} `), el("span", { class: `badge level-${f.level}` }, f.level), ` ${f.rule}: ${f.message}`];
        let entry;
        if (f.marked) {
          entry = el("a", { href: `#finding-${index}` }, ...words);
          entry.addEventListener("click", (event) => {
            event.preventDefault();
            const mark = document.getElementById(`finding-${index}`);
            mark.scrollIntoView({ block: "center" });
            mark.focus({ preventScroll: true });
          });
        } else {
          entry = el("span", {}, ...words, el("span", { class: "unmarked" }, " (not marked in the text)"));
        }
        items.append(el("li", { id: `item-${index}`, "data-finding": String(index) }, entry));
      });
      list.append(el("h3", {}, el("a", { href: `#${chapter.id}` }, chapter.path)), items);
    });
  }

  // --- each chapter's words and findings, with a chart ---------------------------------------

  function levelOf(rule) {
    const f = findings.find((finding) => finding.rule === rule);
    return f ? f.level : "suggestion";
  }

  function chart(counts) {
    const rules = Object.keys(counts);
    const most = Math.max(1, ...Object.values(counts));
    const row = 18, bar = 200;
    const label = 8 + 7 * Math.max(...rules.map((rule) => rule.length));  // room for the longest name
    const width = label + bar + 40, height = rules.length * row + 4;
    const picture = svg("svg", {
      width: width, height: height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": rules.map((rule) => `${rule}: ${counts[rule]}`).join(", "),
    });
    rules.forEach((rule, number) => {
      const y = number * row + 2;
      const length = Math.max(2, Math.round((bar * counts[rule]) / most));
      picture.append(
        svg("text", { x: label - 6, y: y + 12, "text-anchor": "end" }, rule),
        svg("rect", { x: label, y: y + 2, width: length, height: row - 6, class: `level-${levelOf(rule)}` }, svg("title", {}, `${rule}: ${counts[rule]}`)),
        svg("text", { x: label + length + 4, y: y + 12 }, String(counts[rule])),
      );
    });
    return picture;
  }

  function chapterStats() {
    for (const box of document.querySelectorAll(".chapter-stats")) {
      const chapter = data.chapters[Number(box.dataset.chapter)];
      const total = Object.values(chapter.findings).reduce((sum, count) => sum + count, 0);
      box.append(el("p", {}, `${plural(chapter.words, "word")}, ${plural(total, "finding")}`));
      if (total) box.append(chart(chapter.findings));
    }
  }

  // --- the book's tables ---------------------------------------------------------------------

  function table(headers, rows) {
    const head = el("tr", {}, ...headers.map((header) => el("th", { scope: "col" }, header)));
    const body = rows.map((cells) => el("tr", {}, ...cells.map((cell) => typeof cell === "number" ? el("td", { class: "number" }, String(cell)) : el("td", {}, cell))));
    return el("table", { class: "book" }, el("thead", {}, head), el("tbody", {}, ...body));
  }

  function scareQuotes() {
    const box = document.getElementById("scare-quotes");
    box.append(el("h3", {}, "Scare-quoted terms"));
    if (!data.scare_quotes.length) return box.append(el("p", { class: "note" }, "No scare-quotes rule is on."));
    for (const rule of data.scare_quotes) {
      box.append(el("p", { class: "note" }, `${rule.rule} (style: ${rule.style}): uses in quotation marks / bare, in the author's own prose.`));
      if (rule.error) box.append(el("p", { class: "note" }, rule.error));
      const headers = ["term", ...data.chapters.map((chapter) => chapter.path), "in all"];
      const rows = rule.terms.map((term) => {
        const quoted = term.chapters.reduce((sum, pair) => sum + pair[0], 0);
        const bare = term.chapters.reduce((sum, pair) => sum + pair[1], 0);
        return [term.term, ...term.chapters.map((pair) => `${pair[0]} / ${pair[1]}`), `${quoted} / ${bare}`];
      });
      box.append(table(headers, rows));
    }
  }

  function variants() {
    const box = document.getElementById("variants");
    box.append(el("h3", {}, "Name variants"));
    if (!data.variants.length) return box.append(el("p", { class: "note" }, "No word is spelled two ways."));
    box.append(table(
      ["variant", "uses", "spelling to keep", "its uses", "in"],
      data.variants.map((row) => [row.variant, row.uses, row.keep, row.keep_uses, row.paths.join(", ")]),
    ));
  }

  function unknownWords() {
    const box = document.getElementById("unknown-words");
    const words = data.unknown_words.words;
    box.append(el("h3", {}, "Words outside the vocabulary"));
    if (!data.unknown_words.rule) return box.append(el("p", { class: "note" }, "No spelling rule is on."));
    if (!words.length) return box.append(el("p", { class: "note" }, "Every word is in a dictionary or the vocabulary."));
    box.append(el("p", { class: "note" }, `${plural(words.length, "word")} that no dictionary or vocabulary knows (${data.unknown_words.rule}); add the book's own with mslint vocab add.`));
    box.append(table(["word", "uses", "first use"], words.map((w) => [w.word, w.uses, `${w.path}:${w.line}:${w.column}`])));
  }

  function styleSheet() {
    // The same tables as `mslint stylesheet` prints, from the same function (stylesheet.tables).
    const box = document.getElementById("stylesheet");
    box.append(el("h3", {}, "Style sheet"));
    box.append(el("p", { class: "note" }, "Each form the book keeps, with its uses and first use; kept by the style sheet, the book (the only form it uses), the rule, the vocabulary or the dictionary."));
    for (const part of data.stylesheet) {
      box.append(el("h4", {}, part.title));
      if (!part.rows.length) box.append(el("p", { class: "note" }, "None."));
      else box.append(table(part.columns, part.rows));
    }
  }

  function errors() {
    if (!data.errors.length) return;
    const box = document.getElementById("errors");
    for (const error of data.errors) {
      box.querySelector("ul").append(el("li", {}, `${error.path}${error.line ? ":" + error.line : ""}: ${error.message}`));
    }
    box.hidden = false;
  }

  // --- what a highlight says, on hover and on focus ------------------------------------------

  const tip = document.getElementById("tip");

  function showTip(mark) {
    const f = findings[Number(mark.dataset.finding)];
    if (!f || mark.classList.contains("filtered")) return;
    const lines = [
      el("div", {}, el("span", { class: `badge level-${f.level}` }, f.level), " ", el("span", { class: "rule" }, f.rule), ` ${f.line}:${f.column}`),
      el("div", {}, f.message),
    ];
    if (f.replacements.length) lines.push(el("div", { class: "fix" }, `→ ${f.replacements.join(", ")}`));
    if (f.also.length) lines.push(el("div", {}, `also ${f.also.join(", ")}`));
    tip.replaceChildren(...lines);
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    tip.style.left = `${Math.max(4, window.scrollX + box.left)}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  }

  function hideTip() {
    tip.hidden = true;
  }

  function tips() {
    document.addEventListener("mouseover", (event) => {
      const mark = event.target.closest && event.target.closest("mark.finding");
      if (mark) showTip(mark);
      else if (!(document.activeElement && document.activeElement.matches("mark.finding"))) hideTip();
    });
    document.addEventListener("focusin", (event) => {
      if (event.target.matches("mark.finding")) showTip(event.target);
      else hideTip();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hideTip();
    });
  }

  summary();
  filters();
  findingList();
  chapterStats();
  scareQuotes();
  variants();
  unknownWords();
  styleSheet();
  errors();
  tips();
})();
