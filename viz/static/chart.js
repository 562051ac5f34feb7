/* govgraph org charts: mounts every [data-govchart] element on the page.
 *
 * The chart data comes from a <script type="application/json"> block (never executed).
 * Every name reaches the page through textContent or the canvas, never as markup.
 * Controls: search, filters by line and by kind, a date slider, fit/zoom, PNG, print.
 */
(function () {
  "use strict";

  var charts = (window.govcharts = window.govcharts || []);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false) {
        node.setAttribute(key, attrs[key] === true ? "" : String(attrs[key]));
      }
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function normalise(text) {
    return String(text || "").toLowerCase().replace(/['\u2019`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* Dates: spans are [first, last] ISO days (null: not bounded); the slider moves by month. */
  function months(min, max) {
    var out = [], y = +min.slice(0, 4), m = +min.slice(5, 7), endY = +max.slice(0, 4), endM = +max.slice(5, 7);
    while (y < endY || (y === endY && m <= endM)) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function monthEnd(month) {
    var y = +month.slice(0, 4), m = +month.slice(5, 7);
    var day = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return month + "-" + (day < 10 ? "0" : "") + day;
  }

  function holds(spans, first, last) {
    if (!first) return true;
    return (spans || [[null, null]]).some(function (s) {
      return (!s[0] || s[0] <= last) && (!s[1] || s[1] >= first);
    });
  }

  /* Tooltips and the details panel: built from plain data with textContent. */
  function nodeTip(info, mark) {
    var box = el("div", { "class": "govchart-tip" });
    box.appendChild(el("strong", {}, info.title));
    box.appendChild(el("div", { "class": "govchart-tip-about" }, info.about + (info.dates ? " · " + info.dates : "")));
    if (mark) box.appendChild(el("div", { "class": "govchart-tip-mark govchart-mark-" + mark }, "Option: " + mark));
    if (info.aliases && info.aliases.length) box.appendChild(el("div", {}, "Also: " + info.aliases.join("; ")));
    (info.sections || []).forEach(function (section) {
      box.appendChild(el("div", { "class": "govchart-tip-heading" }, section.heading));
      var list = el("ul");
      section.items.forEach(function (item) { list.appendChild(el("li", {}, item)); });
      if (section.more) list.appendChild(el("li", {}, "and " + section.more + " more"));
      box.appendChild(list);
    });
    sources(box, info.sources);
    return box;
  }

  function edgeTip(info, mark) {
    var box = el("div", { "class": "govchart-tip" });
    box.appendChild(el("strong", {}, info.title));
    if (mark) box.appendChild(el("div", { "class": "govchart-tip-mark govchart-mark-" + mark }, "Option: " + mark));
    info.facts.forEach(function (fact) {
      if (fact.details) box.appendChild(el("div", {}, fact.details));
      sources(box, fact.sources);
    });
    return box;
  }

  function sources(box, lines) {
    if (!lines || !lines.length) return;
    box.appendChild(el("div", { "class": "govchart-tip-heading" }, "Sources"));
    var list = el("ul", { "class": "govchart-tip-sources" });
    lines.forEach(function (line) { list.appendChild(el("li", {}, line)); });
    box.appendChild(list);
  }

  /* The legend: swatches drawn with CSS and SVG, words from the data. */
  function legend(data) {
    var box = el("details", { "class": "govchart-legend", open: true });
    box.appendChild(el("summary", {}, "Legend"));
    var list = el("ul");
    data.legend.nodes.forEach(function (item) {
      var li = el("li");
      var swatch = el("span", { "class": "govchart-swatch govchart-shape-" + item.shape, "aria-hidden": "true" });
      swatch.style.borderColor = item.border;
      swatch.style.background = item.fill;
      li.appendChild(swatch);
      li.appendChild(el("span", {}, item.label));
      list.appendChild(li);
    });
    data.legend.edges.forEach(function (item) {
      var li = el("li");
      li.appendChild(lineSwatch(item.color, item.dashes, item.width, item.arrow));
      li.appendChild(el("span", {}, item.label));
      list.appendChild(li);
    });
    data.legend.overlay.forEach(function (item) {
      var li = el("li", { "class": "govchart-mark-" + item.mark });
      li.appendChild(lineSwatch(item.color, item.dashes, 3, null));
      li.appendChild(el("span", {}, "option: " + item.label));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function lineSwatch(color, dashes, width, arrow) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "36");
    svg.setAttribute("height", "12");
    svg.setAttribute("aria-hidden", "true");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "6");
    line.setAttribute("x2", arrow ? "28" : "35"); line.setAttribute("y2", "6");
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", String(width));
    if (dashes && dashes.length) line.setAttribute("stroke-dasharray", dashes.join(" "));
    svg.appendChild(line);
    if (arrow) {
      var head = document.createElementNS(ns, "polygon");
      head.setAttribute("points", "28,1 35,6 28,11");
      head.setAttribute("fill", color);
      svg.appendChild(head);
    }
    return svg;
  }

  function checkboxes(title, items, labelOf, onChange) {
    var box = el("details", { "class": "govchart-filter" });
    box.appendChild(el("summary", {}, title));
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", { "class": "govchart-visually-hidden" }, title));
    var state = {};
    items.forEach(function (item) {
      state[item.name] = true;
      var label = el("label");
      var input = el("input", { type: "checkbox", checked: true, value: item.name });
      input.checked = true;
      input.addEventListener("change", function () { state[item.name] = input.checked; onChange(); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + labelOf(item) + " (" + item.count + ")"));
      fieldset.appendChild(label);
    });
    box.appendChild(fieldset);
    return { element: box, state: state };
  }

  function slug(text) {
    return normalise(text).replace(/ /g, "-").slice(0, 60) || "chart";
  }

  function pageLink(data, node) {
    var prefix = data.links && data.links[node.type];
    if (!prefix) return null;
    return prefix + node.id.split("/").map(encodeURIComponent).join("/");
  }

  function mount(container, data) {
    var compact = container.hasAttribute("data-compact");
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });

    var controls = el("div", { "class": "govchart-controls", role: "group", "aria-label": "Chart controls" });
    var canvas = el("div", { "class": "govchart-canvas" });
    var status = el("p", { "class": "govchart-status", role: "status", "aria-live": "polite" });
    var details = el("aside", { "class": "govchart-details", "aria-live": "polite", "aria-label": "Selected node or line" });
    details.appendChild(el("p", { "class": "govchart-hint" }, "Select a node or a line to see its chair, members, remits and sources."));

    /* Search: finds nodes by name or alias; Enter selects the best match. */
    var search = el("form", { "class": "govchart-search", role: "search" });
    var searchId = "govchart-search-" + charts.length;
    search.appendChild(el("label", { "for": searchId }, "Find"));
    var input = el("input", { id: searchId, type: "search", placeholder: "body, person or post", autocomplete: "off" });
    search.appendChild(input);
    search.appendChild(el("button", { type: "submit" }, "Find"));
    var matches = el("ul", { "class": "govchart-matches" });

    /* Nodes and lines added with pyvis in a notebook carry no govgraph data: give them some. */
    data.nodes.forEach(function (n) {
      n.name = n.name || String(n.label || n.id);
      n.info = n.info || { title: n.name, about: "", sections: [], sources: [] };
    });
    data.edges.forEach(function (e) {
      e.id = e.id || e.from + "|" + (e.relation || "line") + "|" + e.to;
      e.info = e.info || { title: String(e.title || e.relation || "line"), facts: [] };
    });
    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      return Object.assign({}, n, { title: nodeTip(n.info, n.mark) });
    }));
    var edges = new vis.DataSet(data.edges.map(function (e) {
      return Object.assign({}, e, { title: edgeTip(e.info, e.mark) });
    }));
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options || {});
    /* vis-network's own frame takes the keyboard focus (arrows pan, +/- zoom): name it. */
    var frame = canvas.querySelector(".vis-network");
    frame.setAttribute("role", "img");
    frame.setAttribute("aria-label", data.title + ": an org chart of " + data.nodes.length + " nodes and " +
      data.edges.length + " lines. Use Find to select a node; with the chart focused, arrow keys pan and " +
      "plus or minus zoom.");
    var chart = { network: network, nodes: nodes, edges: edges, data: data, container: container };
    charts.push(chart);

    /* A white background, so the exported PNG and the printed page are not transparent. */
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    });

    function show(element) {
      while (details.firstChild) details.removeChild(details.firstChild);
      details.appendChild(element);
    }

    function select(id) {
      var node = byId[id];
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
      var tip = nodeTip(node.info, node.mark);
      var link = pageLink(data, node);
      if (link) tip.appendChild(el("a", { href: link, "class": "govchart-open" }, "Open the page of " + node.name));
      show(tip);
      status.textContent = "Selected " + node.name + ".";
    }

    function find(query) {
      var q = normalise(query);
      while (matches.firstChild) matches.removeChild(matches.firstChild);
      if (!q) return [];
      var found = data.nodes.filter(function (n) {
        if (nodes.get(n.id).hidden) return false;
        return [n.name].concat(n.aliases || []).some(function (name) { return normalise(name).indexOf(q) >= 0; });
      });
      found.sort(function (a, b) {
        var ea = [a.name].concat(a.aliases || []).some(function (x) { return normalise(x) === q; });
        var eb = [b.name].concat(b.aliases || []).some(function (x) { return normalise(x) === q; });
        return (eb - ea) || a.name.localeCompare(b.name);
      });
      return found;
    }

    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = find(input.value);
      if (!found.length) {
        status.textContent = "No node shown matches \u201c" + input.value + "\u201d.";
        return;
      }
      select(found[0].id);
      if (found.length > 1) {
        status.textContent = found.length + " matches; selected " + found[0].name + ".";
        found.slice(0, 10).forEach(function (n) {
          var li = el("li");
          var button = el("button", { type: "button" }, n.name);
          button.addEventListener("click", function () { select(n.id); });
          li.appendChild(button);
          matches.appendChild(li);
        });
      }
    });

    network.on("selectNode", function (params) {
      if (params.nodes.length) select(params.nodes[0]);
    });
    network.on("selectEdge", function (params) {
      if (params.nodes.length || !params.edges.length) return;
      var edge = edges.get(params.edges[0]);
      show(edgeTip(edge.info, edge.mark));
    });
    network.on("doubleClick", function (params) {
      var link = params.nodes.length && pageLink(data, byId[params.nodes[0]]);
      if (link) window.location.href = link;
    });

    /* Filters: lines by relation, nodes by kind, and the date slider. */
    var relationFilter = checkboxes("Lines", data.relations, function (r) { return r.label; }, apply);
    var kindFilter = checkboxes("Kinds", data.kinds, function (k) { return k.name.replace(/_/g, " "); }, apply);
    var date = { first: null, last: null };
    var dateBox = el("div", { "class": "govchart-date" });
    if (data.as_of) {
      dateBox.appendChild(el("span", {}, "As of " + data.as_of));
    } else if (data.dates) {
      var steps = months(data.dates.min, data.dates.max);
      var sliderId = "govchart-date-" + (charts.length - 1);
      var allId = sliderId + "-all";
      var all = el("input", { type: "checkbox", id: allId, checked: true });
      all.checked = true;
      var slider = el("input", { type: "range", id: sliderId, min: 0, max: steps.length - 1, step: 1, value: steps.length - 1 });
      var output = el("output", { "for": sliderId }, "all dates");
      dateBox.appendChild(el("label", { "for": sliderId }, "As of"));
      dateBox.appendChild(slider);
      dateBox.appendChild(output);
      var allLabel = el("label", { "for": allId });
      dateBox.appendChild(all);
      allLabel.textContent = "all dates";
      dateBox.appendChild(allLabel);
      var setDate = function () {
        if (all.checked) {
          date.first = date.last = null;
          output.textContent = "all dates";
        } else {
          var month = steps[+slider.value];
          date.first = month + "-01";
          date.last = monthEnd(month);
          output.textContent = month;
        }
        apply();
      };
      slider.addEventListener("input", function () { all.checked = false; setDate(); });
      all.addEventListener("change", setDate);
      chart.setDate = function (month) {
        var i = steps.indexOf(month);
        if (i < 0) throw new Error("no such month on the slider: " + month);
        slider.value = i; all.checked = false; setDate();
      };
    }

    function apply() {
      var shown = {};
      var nodeUpdates = data.nodes.map(function (n) {
        var visible = kindFilter.state[n.kind] !== false && holds(n.spans, date.first, date.last);
        if (visible) shown[n.id] = true;
        return { id: n.id, hidden: !visible };
      });
      var edgeUpdates = data.edges.map(function (e) {
        var visible = shown[e.from] && shown[e.to] && relationFilter.state[e.relation] !== false &&
          holds(e.spans, date.first, date.last);
        return { id: e.id, hidden: !visible };
      });
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
      var count = Object.keys(shown).length;
      status.textContent = count + " of " + data.nodes.length + " nodes shown" +
        (date.first ? " as of " + date.first.slice(0, 7) : "") + ".";
    }
    chart.apply = apply;

    /* Buttons: fit, zoom, PNG, print. */
    var buttons = el("div", { "class": "govchart-buttons" });
    function button(text, title, action) {
      var b = el("button", { type: "button", title: title }, text);
      b.addEventListener("click", action);
      buttons.appendChild(b);
      return b;
    }
    button("Fit", "Show the whole chart", function () { network.fit({ animation: { duration: 300 } }); });
    button("+", "Zoom in", function () { network.moveTo({ scale: network.getScale() * 1.25 }); });
    button("\u2212", "Zoom out", function () { network.moveTo({ scale: network.getScale() / 1.25 }); });
    button("PNG", "Save the current view as a PNG image", function () {
      var link = el("a", { download: slug(data.title) + ".png", href: canvas.querySelector("canvas").toDataURL("image/png") });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    button("Print", "Print the chart", function () { window.print(); });

    /* Printing: the canvas becomes an image that scales to the page. */
    var printed = null;
    window.addEventListener("beforeprint", function () {
      printed = el("img", { "class": "govchart-print-image", alt: data.title,
                            src: canvas.querySelector("canvas").toDataURL("image/png") });
      canvas.parentNode.insertBefore(printed, canvas);
    });
    window.addEventListener("afterprint", function () { if (printed) printed.remove(); printed = null; });

    if (!compact) {
      controls.appendChild(search);
      controls.appendChild(relationFilter.element);
      controls.appendChild(kindFilter.element);
      controls.appendChild(dateBox);
    }
    controls.appendChild(buttons);
    container.appendChild(controls);
    if (!compact) container.appendChild(matches);
    var body = el("div", { "class": "govchart-body" });
    body.appendChild(canvas);
    body.appendChild(details);
    container.appendChild(body);
    container.appendChild(status);
    container.appendChild(legend(data));
    network.setSize("100%", "100%");
    network.redraw();
    apply();
    var focus = data.focus && byId[data.focus.id];
    if (focus) network.selectNodes([focus.id]);
    chart.start = function () { startView(network, data, focus, canvas, status, compact); };
    chart.start();
    network.once("afterDrawing", function () { container.setAttribute("data-ready", "true"); });
    network.redraw();
  }

  /* The first view: the whole chart if its names can be read; otherwise the top of the
   * first tree (or the focus) at a readable size, with Fit one click away. */
  var READABLE = 0.55;
  function startView(network, data, focus, canvas, status, compact) {
    network.fit();
    if (compact || network.getScale() >= READABLE || !data.nodes.length) return;
    var scale = 0.85, target;
    if (focus) {
      target = { x: focus.x, y: focus.y };
    } else {
      var top = data.nodes.reduce(function (best, n) {
        return (n.y < best.y || (n.y === best.y && n.x < best.x)) ? n : best;
      }, data.nodes[0]);
      target = { x: top.x, y: top.y - 80 + (canvas.clientHeight / 2) / scale };
    }
    network.moveTo({ position: target, scale: scale });
    status.setAttribute("data-zoomed", "true");
    window.setTimeout(function () {
      status.textContent += " Showing part of the chart at a readable size: press Fit for all of it.";
    }, 0);
  }

  function mountAll() {
    document.querySelectorAll("[data-govchart]").forEach(function (container) {
      if (container.getAttribute("data-mounted")) return;
      container.setAttribute("data-mounted", "true");
      var source = document.getElementById(container.getAttribute("data-govchart"));
      try {
        mount(container, JSON.parse(source.textContent));
      } catch (err) {
        container.appendChild(el("p", { "class": "govchart-error", role: "alert" }, "The chart could not be drawn: " + err.message));
        throw err;
      }
    });
  }

  window.govchart = { mountAll: mountAll };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
