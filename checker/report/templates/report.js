"use strict";
// The editors' report: renders the embedded JSON with DOM calls only (textContent, never
// innerHTML), so document text can never become markup or script.
(function () {
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var APP = DATA.app || null;
  var FINDINGS = DATA.findings;
  var PICTURES = DATA.pictures || [], PICTURE_OF = DATA.picture_of || {};
  var DOCS = DATA.documents;
  var DOC_INDEX = {};
  DOCS.forEach(function (d, i) { DOC_INDEX[d.id] = i; });
  var RULE_TITLES = {};
  (DATA.rules || []).forEach(function (r) { RULE_TITLES[r.id] = r.title || ""; });
  var cards = [];      // [{finding, el, body}] in report order
  var current = -1;    // index into cards of the keyboard focus

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === "text") el.textContent = attrs[k];
        else if (k === "class") el.className = attrs[k];
        else el.setAttribute(k, attrs[k] === true ? "" : String(attrs[k]));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === "string" || typeof c === "number"
        ? document.createTextNode(String(c)) : c);
    }
    return el;
  }
  function $(id) { return document.getElementById(id); }
  function oneLine(s) { return String(s || "").replace(/\s+/g, " ").trim(); }
  function docHref(doc, at) {
    return "#doc=" + encodeURIComponent(doc) + (at === undefined ? "" : "&at=" + at);
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // -- one excerpt: the sentence with the figure marked ----------------------------------
  // The figure at the claim's own place in its sentence (quote_offset, in code points),
  // else its first occurrence: [before, figure, after], white space collapsed; or null.
  function splitAtFigure(quote, text, offset) {
    if (typeof offset === "number" && offset >= 0 && text) {
      var chars = Array.from(quote), n = Array.from(text).length;
      if (chars.slice(offset, offset + n).join("") === text) {
        var before = chars.slice(0, offset).join(""), after = chars.slice(offset + n).join("");
        var left = oneLine(before), right = oneLine(after);
        if (left && /\s$/.test(before)) left += " ";
        if (right && /^\s/.test(after)) right = " " + right;
        return [left, oneLine(text), right];
      }
    }
    var line = oneLine(quote), fig = oneLine(text);
    var at = fig ? line.toLowerCase().indexOf(fig.toLowerCase()) : -1;
    if (at < 0) return null;
    return [line.slice(0, at), line.slice(at, at + fig.length), line.slice(at + fig.length)];
  }

  function excerpt(claim) {
    var quote = oneLine(claim.quote), fig = oneLine(claim.text);
    var bq = h("blockquote");
    var parts = splitAtFigure(claim.quote || "", claim.text || "", claim.quote_offset);
    if (!parts) {
      bq.appendChild(document.createTextNode(quote + (quote ? " " : "")));
      if (fig) bq.appendChild(h("mark", {text: fig}));
    } else {
      bq.appendChild(document.createTextNode(parts[0]));
      bq.appendChild(h("mark", {text: parts[1]}));
      bq.appendChild(document.createTextNode(parts[2]));
    }
    var where = claim.doc + ":" + claim.line + ":" + claim.column;
    return h("div", {class: "excerpt", "data-at": claim.doc + "\u0000" + claim.start}, bq,
      h("a", {class: "where", href: docHref(claim.doc, claim.start),
              title: "Show in the document"}, where));
  }

  function excerptColumn(label, cls, claims, emptyText) {
    var col = h("section", {class: cls}, h("h3", {text: label}));
    if (!claims.length) { col.appendChild(h("p", {class: "none", text: emptyText})); return col; }
    var LIMIT = 4;
    var extra = [];
    claims.forEach(function (c, i) {
      var ex = excerpt(c);
      if (i >= LIMIT) { ex.hidden = true; extra.push(ex); }
      col.appendChild(ex);
    });
    if (extra.length) {
      var more = h("button", {type: "button", class: "more",
                              text: "Show " + extra.length + " more"});
      more.addEventListener("click", function () {
        extra.forEach(function (e) { e.hidden = false; }); more.remove();
      });
      col.appendChild(more);
    }
    return col;
  }

  // -- consensus, slip, expected figure in words ------------------------------------------
  function explanation(f) {
    var d = f.details || {}, parts = [];
    if (d.consensus && d.consensus.figure !== undefined) {
      var c = d.consensus;
      parts.push("Consensus: \u201c" + c.figure + "\u201d in " + plural(c.count || 0, "place") +
                 (c.documents ? " across " + plural(c.documents, "document") : "") + ".");
    }
    if (d.expected && d.expected.figure !== undefined) {
      parts.push("House figure (from the rule): \u201c" + d.expected.figure + "\u201d.");
    }
    if (d.slip) parts.push("Likely slip: " + d.slip + ".");
    if (d.actual_weekday) parts.push(d.date + " was a " + d.actual_weekday + ".");
    if (d.resolved_year) parts.push("\u201c" + d.years + " years " + (d.direction || "ago") +
                                    "\u201d resolves to about " + d.resolved_year + ".");
    return parts.join(" ");
  }

  function decisionLine(f) {
    var d = (f.details || {}).decision;
    if (!d) return null;
    var why = d.reason || d.note;
    var text = (d.status === "dismissed" ? "Dismissed" : "Accepted") + " by " + d.by +
               (d.at ? " on " + d.at.replace("T", " ").replace("Z", " UTC") : "") +
               (why ? ": " + why : "");
    return h("p", {class: "decision", text: text});
  }

  // -- one finding card ----------------------------------------------------------------------
  function findingCard(f) {
    var flagged = f.claims.filter(function (c) { return c.role === "flagged"; });
    var refs = f.claims.filter(function (c) { return c.role !== "flagged"; });
    var el = h("article", {class: "finding sev-" + f.severity + " st-" + f.status,
                           id: "finding-" + f.id, "data-id": f.id});
    var body = h("div", {class: "body", id: "body-" + f.id});
    body.hidden = true;
    var statusBadge = h("span", {class: "badge status st-" + f.status, text: f.status});
    var toggle = h("button", {type: "button", class: "toggle", "aria-expanded": "false",
                              "aria-controls": "body-" + f.id},
      h("span", {class: "badge sev-" + f.severity, text: f.severity}),
      h("span", {class: "badge check", text: f.check}), statusBadge,
      h("span", {class: "message", text: f.message}));
    toggle.addEventListener("click", function () { setOpen(card, body.hidden); });
    var pictureSlot = h("div", {class: "picture-slot"});
    body.appendChild(pictureSlot);
    var expl = explanation(f);
    if (expl) body.appendChild(h("p", {class: "explain", text: expl}));
    body.appendChild(h("div", {class: "excerpts"},
      excerptColumn("Flagged", "flagged", flagged.length ? flagged : f.claims.slice(0, 1),
                    "No claim."),
      excerptColumn("Reference", "reference", refs,
                    "No other claim: this check measures the flagged text itself.")));
    var decisionSlot = h("div", {class: "decision-slot"});
    var line = decisionLine(f);
    if (line) decisionSlot.appendChild(line);
    body.appendChild(decisionSlot);
    if (APP) body.appendChild(decideForm(f));
    body.appendChild(h("p", {class: "meta", text: "id " + f.id + " \u00b7 rule " + f.rule}));
    el.appendChild(h("header", null, toggle));
    el.appendChild(body);
    var card = {finding: f, el: el, body: body, toggle: toggle, badge: statusBadge,
                decisionSlot: decisionSlot, haystack: haystack(f), pictureSlot: pictureSlot};
    return card;
  }

  function haystack(f) {
    var parts = [f.id, f.rule, f.check, f.message, RULE_TITLES[f.rule] || ""];
    f.claims.forEach(function (c) { parts.push(c.doc, c.text, c.quote); });
    var d = (f.details || {}).decision;
    if (d) parts.push(d.reason || "", d.note || "", d.by || "");
    return parts.join("\n").toLowerCase();
  }

  // The group picture, drawn the first time its finding opens (a page may hold thousands).
  function drawPicture(card) {
    var entry = PICTURE_OF[card.finding.id];
    card.pictureSlot.textContent = "";
    if (!entry || !PICTURES[entry.picture]) return;
    var fig = CheckerPicture.draw(PICTURES[entry.picture], entry, card.finding,
                                  {id: "picture-" + card.finding.id, href: docHref});
    // A bar in focus or under the pointer lights up its excerpt, when the card shows it.
    function light(e, on) {
      var a = e.target.closest ? e.target.closest("a.row") : null;
      if (!a) return;
      card.body.querySelectorAll(".excerpt").forEach(function (ex) {
        if (ex.getAttribute("data-at") === a.getAttribute("data-at")) {
          ex.classList.toggle("lit", on);
        }
      });
    }
    fig.addEventListener("focusin", function (e) { light(e, true); });
    fig.addEventListener("focusout", function (e) { light(e, false); });
    fig.addEventListener("mouseover", function (e) { light(e, true); });
    fig.addEventListener("mouseout", function (e) { light(e, false); });
    card.pictureSlot.appendChild(fig);
  }

  function setOpen(card, open) {
    if (open && !card.drawn) { card.drawn = true; drawPicture(card); }
    card.body.hidden = !open;
    card.toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // -- review app: accept / dismiss / reset ----------------------------------------------------
  function decideForm(f) {
    var form = h("form", {class: "decide", "aria-label": "Decision"});
    var reason = h("input", {type: "text", name: "reason", maxlength: "2000",
                             placeholder: "Reason (needed to dismiss) or note",
                             "aria-label": "Reason or note"});
    var err = h("p", {class: "error", role: "alert"});
    function send(action) {
      err.textContent = "";
      var text = reason.value.trim();
      if (action === "dismiss" && !text) {
        err.textContent = "Dismissing needs a reason."; reason.focus(); return;
      }
      var payload = {finding: f.id, action: action};
      if (action === "dismiss") payload.reason = text;
      if (action === "accept" && text) payload.note = text;
      fetch(APP.api, {method: "POST", headers: {"Content-Type": "application/json"},
                      body: JSON.stringify(payload), credentials: "same-origin"})
        .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
        .then(function (res) {
          if (!res[0]) { err.textContent = res[1].error || "Not recorded."; return; }
          applyDecision(f.id, res[1]);
          reason.value = "";
        })
        .catch(function () { err.textContent = "The review server did not answer."; });
    }
    [["accept", "Accept"], ["dismiss", "Dismiss"], ["reset", "Reset"]].forEach(function (a) {
      var b = h("button", {type: "button", "data-action": a[0], text: a[1]});
      b.addEventListener("click", function () { send(a[0]); });
      form.appendChild(b);
    });
    form.insertBefore(reason, form.firstChild);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.appendChild(err);
    return form;
  }

  function applyDecision(id, answer) {
    cards.forEach(function (card) {
      var f = card.finding;
      if (f.id !== id) return;
      f.details = f.details || {};
      if (answer.decision) f.details.decision = answer.decision; else delete f.details.decision;
      f.status = answer.status;
      card.el.className = card.el.className.replace(/\bst-\S+/, "st-" + f.status);
      card.badge.className = "badge status st-" + f.status;
      card.badge.textContent = f.status;
      card.decisionSlot.textContent = "";
      var line = decisionLine(f);
      if (line) card.decisionSlot.appendChild(line);
      card.haystack = haystack(f);
    });
    var counts = {};
    FINDINGS.forEach(function (f) { counts[f.status] = (counts[f.status] || 0) + 1; });
    $("status-counts").textContent = statusLine(counts);
    applyFilters();
  }

  function statusLine(counts) {
    var order = ["new", "accepted", "dismissed", "baseline"];
    var parts = order.filter(function (s) { return counts[s]; })
                     .map(function (s) { return counts[s] + " " + s; });
    return parts.length ? "Status: " + parts.join(", ") + "." : "";
  }

  // -- the findings view: grouped by rule, filtered ---------------------------------------------
  function fillSelect(id, values, labels) {
    var sel = $(id);
    values.forEach(function (v) {
      sel.appendChild(h("option", {value: v, text: labels ? labels[v] : v}));
    });
    sel.addEventListener("change", applyFilters);
  }
  function uniq(list) {
    var seen = {}, out = [];
    list.forEach(function (v) { if (!seen[v]) { seen[v] = 1; out.push(v); } });
    return out.sort();
  }

  function buildFindings() {
    var root = $("findings"), groups = {}, order = [];
    FINDINGS.forEach(function (f) {
      if (!groups[f.rule]) { groups[f.rule] = []; order.push(f.rule); }
      groups[f.rule].push(f);
    });
    order.sort();
    order.forEach(function (rule) {
      var title = RULE_TITLES[rule];
      var group = h("section", {class: "rule-group", "data-rule": rule},
        h("h2", null, title || rule, title ? " " : null,
          title ? h("span", {class: "rule-id", text: rule}) : null));
      groups[rule].forEach(function (f) {
        var card = findingCard(f);
        cards.push(card);
        group.appendChild(card.el);
      });
      root.appendChild(group);
    });
    if (!FINDINGS.length) root.appendChild(h("p", {text: "No findings: nothing contradicts."}));
    fillSelect("f-severity", ["error", "warning", "info"].filter(function (s) {
      return FINDINGS.some(function (f) { return f.severity === s; });
    }));
    fillSelect("f-rule", uniq(FINDINGS.map(function (f) { return f.rule; })));
    fillSelect("f-check", uniq(FINDINGS.map(function (f) { return f.check; })));
    fillSelect("f-status", ["new", "accepted", "dismissed", "baseline"]);
    var docs = [];
    FINDINGS.forEach(function (f) { f.claims.forEach(function (c) { docs.push(c.doc); }); });
    fillSelect("f-doc", uniq(docs));
    var timer = null;
    $("q").addEventListener("input", function () {
      clearTimeout(timer); timer = setTimeout(applyFilters, 120);
    });
    $("filters").addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  }

  function applyFilters() {
    var sev = $("f-severity").value, rule = $("f-rule").value, check = $("f-check").value;
    var status = $("f-status").value, doc = $("f-doc").value;
    var words = $("q").value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var f = card.finding;
      var ok = (!sev || f.severity === sev) && (!rule || f.rule === rule) &&
        (!check || f.check === check) && (!status || f.status === status) &&
        (!doc || f.claims.some(function (c) { return c.doc === doc; })) &&
        words.every(function (w) { return card.haystack.indexOf(w) >= 0; });
      card.el.classList.toggle("hidden-by-filter", !ok);
      if (ok) shown++;
    });
    document.querySelectorAll(".rule-group").forEach(function (g) {
      g.classList.toggle("hidden-by-filter", !g.querySelector(".finding:not(.hidden-by-filter)"));
    });
    $("shown").textContent = "Showing " + shown + " of " + plural(cards.length, "finding") + ".";
  }

  function visibleCards() {
    return cards.filter(function (c) { return !c.el.classList.contains("hidden-by-filter"); });
  }
  function focusCard(card) {
    cards.forEach(function (c) { c.el.classList.remove("current"); });
    current = cards.indexOf(card);
    card.el.classList.add("current");
    card.toggle.focus();
    card.el.scrollIntoView({block: "nearest"});
  }
  function moveFocus(step) {
    var vis = visibleCards();
    if (!vis.length) return;
    var at = vis.indexOf(cards[current]);
    var next = at < 0 ? (step > 0 ? 0 : vis.length - 1)
                      : Math.min(vis.length - 1, Math.max(0, at + step));
    focusCard(vis[next]);
  }

  // -- the documents view: one document with all its claims marked ---------------------------
  var inFinding = {};  // "doc\u0000start" -> finding id
  FINDINGS.forEach(function (f) {
    f.claims.forEach(function (c) {
      var key = c.doc + "\u0000" + c.start;
      if (!inFinding[key] || c.role === "flagged") inFinding[key] = {id: f.id, role: c.role};
    });
  });

  var docLinks = {};  // document id -> its link in the list

  function buildDocList() {
    var list = $("doc-list");
    var counts = {};
    FINDINGS.forEach(function (f) {
      uniq(f.claims.map(function (c) { return c.doc; })).forEach(function (d) {
        counts[d] = (counts[d] || 0) + 1;
      });
    });
    var items = document.createDocumentFragment();
    DOCS.forEach(function (d) {
      var n = counts[d.id] ? " \u00b7 " + plural(counts[d.id], "finding") : "";
      var a = h("a", {href: docHref(d.id)}, d.title ? oneLine(d.title) : d.id,
                h("br"), h("span", {class: "n", text: d.id + " \u00b7 " +
                                    plural(d.claims.length, "claim") + n}));
      docLinks[d.id] = a;
      items.appendChild(h("li", {"data-doc": d.id}, a));
    });
    list.appendChild(items);
    var timer = null;
    $("doc-q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = $("doc-q").value.toLowerCase();
        list.querySelectorAll("li").forEach(function (li) {
          li.hidden = q !== "" && li.textContent.toLowerCase().indexOf(q) < 0;
        });
      }, 120);
    });
  }

  function claimMark(doc, c) {
    var hit = inFinding[doc.id + "\u0000" + c[0]];
    var text = doc.text !== null ? doc.text.slice(c[0], c[1]) : c[4];
    var mark = h("mark", {class: "claim" + (hit ? " in-finding " + hit.role : ""),
                          title: c[3], "data-start": c[0]}, text);
    if (!hit) return mark;
    return h("a", {href: "#finding=" + encodeURIComponent(hit.id),
                   title: "Open the finding"}, mark);
  }

  function showDocument(id, at) {
    var view = $("doc");
    view.textContent = "";
    var was = $("doc-list").querySelector("a[aria-current=true]");
    if (was) was.removeAttribute("aria-current");
    var link = docLinks[id];
    if (link) link.setAttribute("aria-current", "true");
    var i = DOC_INDEX[id];
    if (i === undefined) { view.appendChild(h("p", {text: "No such document in this report."})); return; }
    var d = DOCS[i];
    view.appendChild(h("h2", {text: d.title ? oneLine(d.title) : d.id}));
    var meta = [d.id];
    if (d.date) meta.push(d.date_source === "text" ? "date guessed from the text: " + d.date
                          : "dated " + d.date + (d.date_source ? " (" + d.date_source + ")" : ""));
    meta.push(plural(d.claims.length, "claim"));
    var p = h("p", {class: "meta", text: meta.join(" \u00b7 ")});
    if (d.source && /^https?:\/\//i.test(d.source)) {
      p.appendChild(document.createTextNode(" \u00b7 "));
      p.appendChild(h("a", {href: d.source, rel: "noopener noreferrer nofollow",
                            target: "_blank", text: d.source}));
    } else if (d.source) {
      p.appendChild(document.createTextNode(" \u00b7 " + d.source));
    }
    view.appendChild(p);
    var target = null;
    if (d.text !== null) {
      var box = h("div", {class: "text"}), pos = 0;
      d.claims.forEach(function (c) {
        if (c[0] < pos) return;  // overlaps the claim before: listed, not marked twice
        box.appendChild(document.createTextNode(d.text.slice(pos, c[0])));
        var m = claimMark(d, c);
        if (String(c[0]) === String(at)) target = m;
        box.appendChild(m);
        pos = c[1];
      });
      box.appendChild(document.createTextNode(d.text.slice(pos)));
      view.appendChild(box);
    } else {
      view.appendChild(h("p", {class: "none",
        text: "The text could not be re-read; here are the sentences its claims are in."}));
      var ol = h("ol", {class: "claims-list"});
      d.claims.forEach(function (c) {
        var m = claimMark(d, c);
        if (String(c[0]) === String(at)) target = m;
        var quote = oneLine(c[5]), fig = oneLine(c[4]), k = quote.indexOf(fig);
        var li = h("li");
        if (k >= 0 && fig) {
          li.appendChild(document.createTextNode(quote.slice(0, k)));
          li.appendChild(m);
          li.appendChild(document.createTextNode(quote.slice(k + fig.length)));
        } else {
          li.appendChild(document.createTextNode(quote + " "));
          li.appendChild(m);
        }
        ol.appendChild(li);
      });
      view.appendChild(ol);
    }
    if (target) {
      var mk = target.tagName === "MARK" ? target : target.querySelector("mark");
      mk.classList.add("target");
      target.scrollIntoView({block: "center"});
    } else {
      window.scrollTo(0, 0);
    }
  }

  // -- routing: #findings, #finding=ID, #documents, #doc=ID&at=N ---------------------------------
  function parseHash() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var k = part.indexOf("=");
      var key = k < 0 ? part : part.slice(0, k);
      try { out[key] = k < 0 ? "" : decodeURIComponent(part.slice(k + 1)); }
      catch (e) { out[key] = ""; }
    });
    return out;
  }
  function showView(name) {
    $("findings-view").hidden = name !== "findings";
    $("documents-view").hidden = name !== "documents";
    $("tab-findings").setAttribute("aria-current", name === "findings" ? "page" : "false");
    $("tab-documents").setAttribute("aria-current", name === "documents" ? "page" : "false");
  }
  function route() {
    var r = parseHash();
    if (r.doc !== undefined || r.documents !== undefined) {
      showView("documents");
      if (r.doc !== undefined) showDocument(r.doc, r.at);
      return;
    }
    showView("findings");
    if (r.finding !== undefined) {
      var card = cards.filter(function (c) { return c.finding.id === r.finding; })[0];
      if (card) { card.el.classList.remove("hidden-by-filter"); setOpen(card, true); focusCard(card); }
    }
  }

  // -- keyboard ------------------------------------------------------------------------------------
  function typing(e) {
    var t = e.target.tagName;
    return t === "INPUT" || t === "SELECT" || t === "TEXTAREA";
  }
  function isControl(el) {  // Enter on a link or a button is theirs (SVG links too)
    return Boolean(el.closest && el.closest("a, button"));
  }
  function toggleHelp(show) {
    $("help").hidden = show === undefined ? !$("help").hidden : !show;
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") {
      if (typing(e)) e.target.blur();
      toggleHelp(false);
      return;
    }
    if (typing(e)) return;
    var card = cards[current];
    var inFindings = !$("findings-view").hidden;
    if (e.key === "/") { e.preventDefault(); (inFindings ? $("q") : $("doc-q")).focus(); }
    else if (e.key === "?") toggleHelp();
    else if (!inFindings) return;
    else if (e.key === "j" || e.key === "n") moveFocus(1);
    else if (e.key === "k" || e.key === "p") moveFocus(-1);
    else if (card && (e.key === "o" || (e.key === "Enter" && !isControl(e.target)))) {
      setOpen(card, card.body.hidden);
    } else if (e.key === "d" && card) {
      var c = card.finding.claims.filter(function (x) { return x.role === "flagged"; })[0] ||
              card.finding.claims[0];
      if (c) location.hash = docHref(c.doc, c.start);
    } else if (APP && card && !card.body.hidden && (e.key === "a" || e.key === "x" || e.key === "r")) {
      var action = {a: "accept", x: "dismiss", r: "reset"}[e.key];
      if (action === "dismiss") { e.preventDefault(); card.body.querySelector(".decide input").focus(); }
      else card.body.querySelector('[data-action="' + action + '"]').click();
    }
  });
  $("help-button").addEventListener("click", function () { toggleHelp(); });
  window.addEventListener("beforeprint", function () {
    cards.forEach(function (c) { c.wasOpen = !c.body.hidden; setOpen(c, true); });
  });
  window.addEventListener("afterprint", function () {
    cards.forEach(function (c) { setOpen(c, c.wasOpen); });
  });

  buildFindings();
  buildDocList();
  applyFilters();
  window.addEventListener("hashchange", route);
  route();
  document.documentElement.setAttribute("data-ready", "true");
})();
