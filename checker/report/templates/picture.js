"use strict";
// The picture of a finding's group as inline SVG, from the geometry checker/report/picture.py
// computed (x positions are percentages of the width, so labels keep their size on a phone).
// DOM calls only; every text goes in through textContent.
var CheckerPicture = (function () {
  var NS = "http://www.w3.org/2000/svg";  // the SVG namespace: a name, nothing is fetched
  var ROW = 26, BAND_LINE = 16, STRIP = 18, AXIS = 30;
  var NAMES = {expected: "House figure", consensus: "Consensus", bloc: "Bloc",
               "expected consensus": "House figure and consensus"};

  function s(tag, attrs, text) {
    var el = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) el.setAttribute(k, String(attrs[k]));
    });
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function pc(x) { return x + "%"; }
  function times(n) { return n > 1 ? " \u00d7" + n : ""; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function where(at) { return at[0] + (at[2] ? " line " + at[2] : ""); }

  // Which claim of the finding each row stands for (flagged first), and each row's role.
  function rolesOf(entry, finding) {
    var roles = {}, links = {};
    entry.claims.forEach(function (row, k) {
      if (row === null || row === undefined) return;
      var c = finding.claims[k];
      if (roles[row] !== "flagged") { roles[row] = c.role; links[row] = c; }
    });
    return {roles: roles, links: links};
  }

  // A label beside its bar, on the side with more room; over the bar when neither has.
  function label(row, y, text) {
    var left = row.x[0], right = 100 - row.x[1];
    if (Math.max(left, right) < 18) {
      return s("text", {class: "label over", x: pc((row.x[0] + row.x[1]) / 2), y: y + 4,
                        "text-anchor": "middle"}, text);
    }
    var after = right >= left;
    return s("text", {class: "label", x: pc(after ? row.x[1] : row.x[0]), y: y + 4,
                      dx: after ? 8 : -8, "text-anchor": after ? "start" : "end"}, text);
  }

  function bar(row, y, cls) {
    var g = [s("rect", {class: "bar " + cls, x: pc(row.x[0]), y: y - 4, height: 8,
                        width: pc(Math.max(0, row.x[1] - row.x[0]))}),
             s("line", {class: "cap " + cls, x1: pc(row.x[0]), x2: pc(row.x[0]),
                        y1: y - 7, y2: y + 7}),
             s("line", {class: "cap " + cls, x1: pc(row.x[1]), x2: pc(row.x[1]),
                        y1: y - 7, y2: y + 7})];
    if (row.x[1] - row.x[0] < 0.6) {
      g.push(s("circle", {class: "dot " + cls, cx: pc((row.x[0] + row.x[1]) / 2), cy: y, r: 4}));
    }
    return g;
  }

  function rowLink(row, y, role, claim, href) {
    var at = claim ? [claim.doc, claim.start, claim.line, claim.column] : row.at;
    var quote = claim ? String(claim.quote || "").replace(/\s+/g, " ").trim() : row.quote;
    var many = row.n > 1 ? plural(row.n, "claim") + (row.docs > 1 ? " in " +
               plural(row.docs, "document") : "") + ", " : "";
    var what = row.figure + ": " + row.range + (role === "flagged" ? ", flagged" : "") +
               (role === "reference" ? ", cited" : "") + "; " + many +
               (row.n > 1 ? "e.g. " : "") + where(at);
    var a = s("a", {href: href(at[0], at[1]), class: "row " + role, "aria-label": what,
                    "data-at": at[0] + "\u0000" + at[1]});
    a.appendChild(s("title", null, what + (quote ? "\n\u201c" + quote + "\u201d" : "")));
    a.appendChild(s("rect", {class: "hit", x: 0, y: y - ROW / 2, width: "100%", height: ROW}));
    bar(row, y, role).forEach(function (el) { a.appendChild(el); });
    a.appendChild(label(row, y, row.figure + times(row.n)));
    return a;
  }

  // The figure: bands, one labelled row per shown figure, the rest as ticks on a last line,
  // the axis; a caption in words; a title and description for screen readers.
  function draw(picture, entry, finding, opts) {
    var shown = entry.rows, bands = entry.bands || [];
    var rr = rolesOf(entry, finding);
    var hidden = [];
    picture.rows.forEach(function (row, i) { if (shown.indexOf(i) < 0) hidden.push(i); });
    var others = picture.others || null;
    var strip = hidden.length || others;
    var top = 6 + bands.length * BAND_LINE;
    var axisY = top + shown.length * ROW + (strip ? STRIP : 0) + 6;
    var height = axisY + AXIS;
    var id = opts.id;
    var svg = s("svg", {class: "picture-svg", width: "100%", height: height, role: "group",
                        "aria-labelledby": id + "-title", "aria-describedby": id + "-desc"});
    var title = "Where the figures lie: " + plural(picture.claims, "claim") +
                (picture.documents > 1 ? " in " + plural(picture.documents, "document") : "") +
                (picture.scale === "log" ? ", on a log scale" : "");
    svg.appendChild(s("title", {id: id + "-title"}, title));
    var desc = [];
    picture.ticks.forEach(function (t) {
      svg.appendChild(s("line", {class: "grid", x1: pc(t[0]), x2: pc(t[0]), y1: top - 4,
                                 y2: axisY}));
    });
    bands.forEach(function (b, k) {
      var name = NAMES[b.kind] || b.kind;
      svg.appendChild(s("rect", {class: "band " + b.kind, x: pc(b.x[0]), y: top - 4,
        width: pc(Math.max(0, b.x[1] - b.x[0])), height: axisY - top + 4}));
      [0, 1].forEach(function (e) {
        svg.appendChild(s("line", {class: "band-edge " + b.kind, x1: pc(b.x[e]), x2: pc(b.x[e]),
                                   y1: top - 4, y2: axisY}));
      });
      var text = name + ": " + (b.figure || b.range);
      var mid = (b.x[0] + b.x[1]) / 2;
      svg.appendChild(s("text", {class: "band-label " + b.kind, y: (k + 1) * BAND_LINE,
        x: pc(mid < 50 ? b.x[0] : b.x[1]), "text-anchor": mid < 50 ? "start" : "end"}, text));
      desc.push(text + " (" + b.range + ").");
    });
    shown.forEach(function (i, k) {
      var row = picture.rows[i], role = rr.roles[i] || "other";
      var y = top + k * ROW + ROW / 2;
      svg.appendChild(rowLink(row, y, role, rr.links[i], opts.href));
      desc.push(row.figure + times(row.n) + ": " + row.range +
                (role === "flagged" ? ", flagged." : "."));
    });
    var more = 0;
    if (strip) {
      var y = top + shown.length * ROW + STRIP / 2;
      var g = s("g", {class: "strip", "aria-hidden": "true"});
      hidden.forEach(function (i) {
        var row = picture.rows[i];
        more += row.n;
        g.appendChild(s("rect", {class: "tick " + (rr.roles[i] || "other"), x: pc(row.x[0]),
          y: y - 4, height: 8, width: pc(Math.max(0.25, row.x[1] - row.x[0]))}));
      });
      (others ? others.x : []).forEach(function (x) {
        g.appendChild(s("rect", {class: "tick other", x: pc(x[0]), y: y - 4, height: 8,
                                 width: pc(Math.max(0.25, x[1] - x[0]))}));
      });
      more += others ? others.n : 0;
      svg.appendChild(g);
      desc.push("And " + plural(more, "other claim") + ", drawn unlabelled on the last line.");
    }
    svg.appendChild(s("line", {class: "axis", x1: "3%", x2: "97%", y1: axisY, y2: axisY}));
    picture.ticks.forEach(function (t) {
      var anchor = t[0] < 8 ? "start" : t[0] > 92 ? "end" : "middle";
      svg.appendChild(s("line", {class: "axis", x1: pc(t[0]), x2: pc(t[0]), y1: axisY,
                                 y2: axisY + 4}));
      svg.appendChild(s("text", {class: "tick-label", x: pc(t[0]), y: axisY + 18,
                                 "text-anchor": anchor}, t[1]));
    });
    svg.appendChild(s("desc", {id: id + "-desc"}, desc.join(" ")));
    var figure = document.createElement("figure");
    figure.className = "picture";
    figure.appendChild(svg);
    figure.appendChild(caption(picture, bands, rr.roles, more));
    return figure;
  }

  function caption(picture, bands, roles, more) {
    var parts = ["Each bar is a figure as written and the values it allows (\u00d7N: N claims)."];
    if (Object.keys(roles).some(function (r) { return roles[r] === "flagged"; })) {
      parts.push("Red: flagged.");
    }
    var said = {}, MEANS = {
      "expected consensus": "Blue band: the house figure from the rule, which the consensus keeps to.",
      expected: "Blue band: the house figure from the rule.",
      consensus: "Green band: the consensus.",
      bloc: "Grey bands: the blocs the figures split into."};
    bands.forEach(function (b) {
      if (MEANS[b.kind] && !said[b.kind]) { said[b.kind] = true; parts.push(MEANS[b.kind]); }
    });
    if (more) parts.push("Last line: " + plural(more, "more claim") + ", unlabelled.");
    if (picture.scale === "log") parts.push("Log scale: each step right multiplies the figure.");
    parts.push("Select a bar to see its claim in its document.");
    var cap = document.createElement("figcaption");
    cap.textContent = parts.join(" ");
    return cap;
  }

  return {draw: draw};
})();
