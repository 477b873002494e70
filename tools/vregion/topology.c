/*
 * Topology parser: alsa-lib reads the ALSA configuration syntax, this file
 * maps the configuration tree onto struct topology and reports schema errors
 * with the file, the line (from topology_lines.c) and the attribute.
 */
#include "topology_util.h"

#include <alsa/asoundlib.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct pctx {
	struct topology *t;
	struct topo_linemap *lm;
	snd_config_t *top;
	char *err;
	size_t errlen;
	bool instance_set[TOPO_MAX_WIDGETS];
};

/* ---- node location ---- */

/*
 * alsa-lib has no parent link, so the path of a node is found by a search
 * from the top (topologies are small); the path then gives the line.
 */
static bool node_path(snd_config_t *from, snd_config_t *n, char *path, size_t cap, size_t len)
{
	snd_config_iterator_t i, next;

	if (from == n)
		return true;
	if (snd_config_get_type(from) != SND_CONFIG_TYPE_COMPOUND)
		return false;
	snd_config_for_each(i, next, from) {
		snd_config_t *e = snd_config_iterator_entry(i);
		const char *id = NULL;
		int w;

		if (snd_config_get_id(e, &id) < 0 || !id)
			continue;
		w = snprintf(path + len, cap - len, "%s%s", len ? "\x1f" : "", id);
		if (w < 0 || (size_t)w >= cap - len)
			return false;
		if (node_path(e, n, path, cap, len + (size_t)w))
			return true;
		path[len] = '\0';
	}
	return false;
}

static int node_line(const struct pctx *c, snd_config_t *n)
{
	char path[1024] = "";

	if (!node_path(c->top, n, path, sizeof(path), 0))
		return 0;
	return topo_linemap_line(c->lm, path);
}

static const char *node_id(snd_config_t *n)
{
	const char *id = "";

	snd_config_get_id(n, &id);
	return id ? id : "";
}

#define FAIL(c, node, ...) topo_err((c)->err, (c)->errlen, (c)->t->file, node_line(c, node), __VA_ARGS__)

/* ---- typed getters: the message names the attribute and its owner ---- */

static int get_u32(struct pctx *c, snd_config_t *n, const char *owner,
		   uint64_t min, uint64_t max, uint32_t *out)
{
	long long v = 0;
	long lv;
	const char *s;
	char *end;

	switch (snd_config_get_type(n)) {
	case SND_CONFIG_TYPE_INTEGER:
		snd_config_get_integer(n, &lv);
		v = lv;
		break;
	case SND_CONFIG_TYPE_INTEGER64:
		snd_config_get_integer64(n, &v);
		break;
	case SND_CONFIG_TYPE_STRING:
		snd_config_get_string(n, &s);
		errno = 0;
		v = strtoll(s, &end, 0);
		if (errno || end == s || *end)
			return FAIL(c, n, "%s: attribute '%s': expected an integer, got '%s'",
				    owner, node_id(n), s);
		break;
	default:
		return FAIL(c, n, "%s: attribute '%s': expected an integer", owner, node_id(n));
	}
	if (v < 0 || (uint64_t)v < min || (uint64_t)v > max)
		return FAIL(c, n, "%s: attribute '%s': %lld is out of range %llu..%llu",
			    owner, node_id(n), v, (unsigned long long)min,
			    (unsigned long long)max);
	*out = (uint32_t)v;
	return 0;
}

static int get_str(struct pctx *c, snd_config_t *n, const char *owner, const char **out)
{
	if (snd_config_get_type(n) != SND_CONFIG_TYPE_STRING || snd_config_get_string(n, out) < 0)
		return FAIL(c, n, "%s: attribute '%s': expected a string", owner, node_id(n));
	return 0;
}

static int get_real(struct pctx *c, snd_config_t *n, const char *owner, double *out)
{
	long lv;
	long long llv;
	const char *s;
	char *end;

	switch (snd_config_get_type(n)) {
	case SND_CONFIG_TYPE_INTEGER:
		snd_config_get_integer(n, &lv);
		*out = (double)lv;
		return 0;
	case SND_CONFIG_TYPE_INTEGER64:
		snd_config_get_integer64(n, &llv);
		*out = (double)llv;
		return 0;
	case SND_CONFIG_TYPE_REAL:
		snd_config_get_real(n, out);
		break;
	case SND_CONFIG_TYPE_STRING:
		snd_config_get_string(n, &s);
		*out = strtod(s, &end);
		if (end == s || *end)
			return FAIL(c, n, "%s: attribute '%s': expected a number, got '%s'",
				    owner, node_id(n), s);
		break;
	default:
		return FAIL(c, n, "%s: attribute '%s': expected a number", owner, node_id(n));
	}
	if (!isfinite(*out))
		return FAIL(c, n, "%s: attribute '%s': not a finite number", owner, node_id(n));
	return 0;
}

static int want_compound(struct pctx *c, snd_config_t *n, const char *what)
{
	if (snd_config_get_type(n) != SND_CONFIG_TYPE_COMPOUND)
		return FAIL(c, n, "%s '%s': expected a { ... } block", what, node_id(n));
	return 0;
}

/* Names are written back quoted and shown in reports: keep them plain. */
static bool name_ok(const char *s)
{
	if (!*s || strlen(s) >= TOPO_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return false;
	return true;
}

/* ---- widgets ---- */

/* IPC4 carries a gain as a Q1.31 target volume: at most 0 dB. */
static int get_gain(struct pctx *c, snd_config_t *n, const char *owner, double *db)
{
	int r = get_real(c, n, owner, db);

	if (!r && (*db > 0.0 || *db < TOPO_GAIN_MIN_DB))
		return FAIL(c, n, "%s: attribute 'gain_db': %g dB is outside %g..0 dB "
			    "(IPC4's Q1.31 volume cannot amplify)", owner, *db, TOPO_GAIN_MIN_DB);
	return r;
}

static int parse_gain_db(struct pctx *c, snd_config_t *n, struct topo_widget *w, const char *owner)
{
	snd_config_iterator_t i, next;

	if (snd_config_get_type(n) != SND_CONFIG_TYPE_COMPOUND) {
		w->n_gain = 1;
		return get_gain(c, n, owner, &w->gain_db[0]);
	}
	w->n_gain = 0;
	snd_config_for_each(i, next, n) {
		snd_config_t *e = snd_config_iterator_entry(i);
		int r;

		if (w->n_gain == TOPO_MAX_CHANNELS)
			return FAIL(c, e, "%s: attribute 'gain_db': more than %d channels",
				    owner, TOPO_MAX_CHANNELS);
		r = get_gain(c, e, owner, &w->gain_db[w->n_gain]);
		if (r)
			return r;
		w->n_gain++;
	}
	if (!w->n_gain)
		return FAIL(c, n, "%s: attribute 'gain_db': empty list", owner);
	return 0;
}

static int widget_type(struct pctx *c, snd_config_t *wn, const char *owner,
		       enum topo_widget_type *type)
{
	snd_config_t *n;
	const char *s;
	int r;

	if (snd_config_search(wn, "type", &n) < 0)
		return FAIL(c, wn, "%s: missing attribute 'type' (copier, gain or src)", owner);
	r = get_str(c, n, owner, &s);
	if (r)
		return r;
	if (!strcmp(s, "copier"))
		*type = TOPO_COPIER;
	else if (!strcmp(s, "gain"))
		*type = TOPO_GAIN;
	else if (!strcmp(s, "src"))
		*type = TOPO_SRC;
	else
		return FAIL(c, n, "%s: attribute 'type': unknown widget type '%s' (copier, gain or src)",
			    owner, s);
	return 0;
}

static int widget_common(struct pctx *c, snd_config_t *a, const char *id,
			 struct topo_widget *w, const char *owner, bool *handled)
{
	const char *s;
	int r = 0;

	*handled = true;
	if (!strcmp(id, "type")) {
		return 0;
	} else if (!strcmp(id, "instance")) {
		r = get_u32(c, a, owner, 0, 255, &w->instance);
		c->instance_set[c->t->n_widgets] = true;
	} else if (!strcmp(id, "scheduler_domain")) {
		r = get_str(c, a, owner, &s);
		if (r)
			return r;
		if (!strcmp(s, "LL") || !strcmp(s, "default"))
			w->domain = TOPO_LL;
		else if (!strcmp(s, "DP"))
			w->domain = TOPO_DP;
		else
			return FAIL(c, a, "%s: attribute 'scheduler_domain': '%s' is not LL, DP or default",
				    owner, s);
	} else if (!strcmp(id, "domain_id")) {
		r = get_u32(c, a, owner, 0, UINT32_MAX, &w->domain_id);
	} else if (!strcmp(id, "stack_bytes_requirement")) {
		r = get_u32(c, a, owner, 0, UINT32_MAX, &w->stack_bytes);
		w->stack_set = true;
	} else if (!strcmp(id, "heap_bytes_requirement")) {
		r = get_u32(c, a, owner, 0, UINT32_MAX, &w->heap_bytes);
		w->heap_set = true;
	} else {
		*handled = false;
	}
	return r;
}

static int widget_specific(struct pctx *c, snd_config_t *a, const char *id,
			   struct topo_widget *w, const char *owner, bool *have)
{
	const char *s;
	int r;

	if (w->type == TOPO_COPIER && !strcmp(id, "copier_type")) {
		r = get_str(c, a, owner, &s);
		if (r)
			return r;
		if (!strcmp(s, "host"))
			w->copier = TOPO_COPIER_HOST;
		else if (!strcmp(s, "dai"))
			w->copier = TOPO_COPIER_DAI;
		else
			return FAIL(c, a, "%s: attribute 'copier_type': '%s' is not host or dai", owner, s);
		*have = true;
		return 0;
	}
	if (w->type == TOPO_GAIN && !strcmp(id, "gain_db"))
		return parse_gain_db(c, a, w, owner);
	if (w->type == TOPO_GAIN && !strcmp(id, "ramp_ms"))
		return get_u32(c, a, owner, 0, 10000, &w->ramp_ms);
	if (w->type == TOPO_SRC && !strcmp(id, "rate_out")) {
		*have = true;
		r = get_u32(c, a, owner, 1, 768000, &w->src_rate_out);
		if (!r && !topo_src_rate_ok(w->src_rate_out))
			return FAIL(c, a, "%s: attribute 'rate_out': %u Hz is not a rate the SRC supports",
				    owner, w->src_rate_out);
		return r;
	}
	return FAIL(c, a, "%s: unknown attribute '%s' for a %s widget", owner, id,
		    topo_type_name(w->type));
}

static int parse_widget(struct pctx *c, snd_config_t *wn, int pipeline)
{
	struct topology *t = c->t;
	struct topo_widget *w;
	snd_config_iterator_t i, next;
	char owner[TOPO_NAME_MAX + 16];
	bool have_required = false;
	int r;

	if (t->n_widgets == TOPO_MAX_WIDGETS)
		return FAIL(c, wn, "too many widgets (at most %d)", TOPO_MAX_WIDGETS);
	w = &t->widgets[t->n_widgets];
	memset(w, 0, sizeof(*w));
	snprintf(owner, sizeof(owner), "widget '%s'", node_id(wn));
	if (!name_ok(node_id(wn)))
		return FAIL(c, wn, "%s: a name is 1..%d characters of letters, digits, '.', '_' and '-'",
			    owner, TOPO_NAME_MAX - 1);
	r = want_compound(c, wn, "widget");
	if (r)
		return r;
	snprintf(w->name, sizeof(w->name), "%s", node_id(wn));
	if (topo_find_widget(t, w->name) >= 0)
		return FAIL(c, wn, "%s: defined twice (widget names are unique across pipelines)", owner);
	w->pipeline = pipeline;
	w->line = node_line(c, wn);
	w->n_gain = 1;
	w->source = w->sink = -1;
	r = widget_type(c, wn, owner, &w->type);
	if (r)
		return r;
	snd_config_for_each(i, next, wn) {
		snd_config_t *a = snd_config_iterator_entry(i);
		const char *id = node_id(a);
		bool handled;

		r = widget_common(c, a, id, w, owner, &handled);
		if (!r && !handled)
			r = widget_specific(c, a, id, w, owner, &have_required);
		if (r)
			return r;
	}
	if (w->type == TOPO_COPIER && !have_required)
		return FAIL(c, wn, "%s: missing attribute 'copier_type' (host or dai)", owner);
	if (w->type == TOPO_SRC && !have_required)
		return FAIL(c, wn, "%s: missing attribute 'rate_out'", owner);
	if (w->type == TOPO_COPIER && w->domain == TOPO_DP)
		return FAIL(c, wn, "%s: attribute 'scheduler_domain': a copier runs in LL", owner);
	t->n_widgets++;
	return 0;
}

/* ---- pipelines ---- */

static int parse_pipeline(struct pctx *c, snd_config_t *pn)
{
	struct topology *t = c->t;
	struct topo_pipeline *p;
	snd_config_iterator_t i, next;
	char owner[64], *end;
	uint32_t id;
	long v;
	int r, index;

	r = want_compound(c, pn, "pipeline");
	if (r)
		return r;
	snprintf(owner, sizeof(owner), "pipeline '%.40s'", node_id(pn));
	v = strtol(node_id(pn), &end, 10);
	if (end == node_id(pn) || *end || v < 0 || v > 254)
		return FAIL(c, pn, "%s: the pipeline id must be an integer 0..254", owner);
	id = (uint32_t)v;
	if (topo_find_pipeline(t, id) >= 0)
		return FAIL(c, pn, "%s: defined twice", owner);
	if (t->n_pipelines == TOPO_MAX_PIPELINES)
		return FAIL(c, pn, "too many pipelines (at most %d)", TOPO_MAX_PIPELINES);
	index = (int)t->n_pipelines;
	p = &t->pipelines[t->n_pipelines++];
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->line = node_line(c, pn);
	snd_config_for_each(i, next, pn) {
		snd_config_t *a = snd_config_iterator_entry(i);
		const char *aid = node_id(a);

		if (!strcmp(aid, "priority")) {
			r = get_u32(c, a, owner, 0, 7, &p->priority);
		} else if (!strcmp(aid, "domain_id")) {
			r = get_u32(c, a, owner, 0, UINT32_MAX, &p->domain_id);
		} else if (!strcmp(aid, "heap_bytes_requirement")) {
			r = get_u32(c, a, owner, 0, UINT32_MAX, &p->heap_bytes);
			p->heap_set = true;
		} else if (!strcmp(aid, "widget")) {
			snd_config_iterator_t j, jn;

			r = want_compound(c, a, "widget");
			if (r)
				return r;
			snd_config_for_each(j, jn, a) {
				r = parse_widget(c, snd_config_iterator_entry(j), index);
				if (r)
					return r;
			}
		} else {
			r = FAIL(c, a, "%s: unknown attribute '%s'", owner, aid);
		}
		if (r)
			return r;
	}
	return 0;
}

/* ---- routes and endpoints ---- */

static int widget_ref(struct pctx *c, snd_config_t *a, const char *owner, int *out)
{
	const char *s;
	int r = get_str(c, a, owner, &s);

	if (r)
		return r;
	*out = topo_find_widget(c->t, s);
	if (*out < 0)
		return FAIL(c, a, "%s: attribute '%s': no widget named '%s'", owner, node_id(a), s);
	return 0;
}

static int parse_route(struct pctx *c, snd_config_t *rn, unsigned k)
{
	struct topology *t = c->t;
	struct topo_route *rt;
	snd_config_iterator_t i, next;
	char owner[32];
	bool has_src = false, has_sink = false;
	int r;

	snprintf(owner, sizeof(owner), "route %u", k);
	r = want_compound(c, rn, "route");
	if (r)
		return r;
	if (t->n_routes == TOPO_MAX_ROUTES)
		return FAIL(c, rn, "too many routes (at most %d)", TOPO_MAX_ROUTES);
	rt = &t->routes[t->n_routes];
	memset(rt, 0, sizeof(*rt));
	rt->line = node_line(c, rn);
	snd_config_for_each(i, next, rn) {
		snd_config_t *a = snd_config_iterator_entry(i);
		const char *id = node_id(a);

		if (!strcmp(id, "source")) {
			r = widget_ref(c, a, owner, &rt->source);
			has_src = true;
		} else if (!strcmp(id, "sink")) {
			r = widget_ref(c, a, owner, &rt->sink);
			has_sink = true;
		} else if (!strcmp(id, "source_pin")) {
			r = get_u32(c, a, owner, 0, 7, &rt->source_pin);
		} else if (!strcmp(id, "sink_pin")) {
			r = get_u32(c, a, owner, 0, 7, &rt->sink_pin);
		} else {
			r = FAIL(c, a, "%s: unknown attribute '%s'", owner, id);
		}
		if (r)
			return r;
	}
	if (!has_src)
		return FAIL(c, rn, "%s: missing attribute 'source'", owner);
	if (!has_sink)
		return FAIL(c, rn, "%s: missing attribute 'sink'", owner);
	t->n_routes++;
	return 0;
}

static int endpoint_attr(struct pctx *c, snd_config_t *a, struct topo_endpoint *e,
			 const char *owner, unsigned *have)
{
	const char *id = node_id(a), *s;
	int r;

	if (!strcmp(id, "direction")) {
		r = get_str(c, a, owner, &s);
		if (r)
			return r;
		if (!strcmp(s, "input"))
			e->dir = TOPO_INPUT;
		else if (!strcmp(s, "output"))
			e->dir = TOPO_OUTPUT;
		else
			return FAIL(c, a, "%s: attribute 'direction': '%s' is not input or output", owner, s);
		*have |= 1;
		return 0;
	}
	if (!strcmp(id, "widget")) {
		*have |= 2;
		return widget_ref(c, a, owner, &e->widget);
	}
	if (!strcmp(id, "rate")) {
		*have |= 4;
		return get_u32(c, a, owner, 1000, 768000, &e->rate);
	}
	if (!strcmp(id, "channels")) {
		*have |= 8;
		return get_u32(c, a, owner, 1, TOPO_MAX_CHANNELS, &e->channels);
	}
	if (!strcmp(id, "format")) {
		r = get_str(c, a, owner, &s);
		if (!r && topo_format_parse(s, &e->format))
			return FAIL(c, a, "%s: attribute 'format': '%s' is not s16, s24, s32 or float",
				    owner, s);
		return r;
	}
	return FAIL(c, a, "%s: unknown attribute '%s'", owner, id);
}

static int parse_endpoint(struct pctx *c, snd_config_t *en)
{
	struct topology *t = c->t;
	struct topo_endpoint *e;
	snd_config_iterator_t i, next;
	char owner[TOPO_NAME_MAX + 16];
	unsigned have = 0;
	int r;

	snprintf(owner, sizeof(owner), "endpoint '%.*s'", TOPO_NAME_MAX - 1, node_id(en));
	r = want_compound(c, en, "endpoint");
	if (r)
		return r;
	if (!name_ok(node_id(en)))
		return FAIL(c, en, "%s: a name is 1..%d characters of letters, digits, '.', '_' and '-'",
			    owner, TOPO_NAME_MAX - 1);
	if (t->n_endpoints == TOPO_MAX_ENDPOINTS)
		return FAIL(c, en, "too many endpoints (at most %d)", TOPO_MAX_ENDPOINTS);
	e = &t->endpoints[t->n_endpoints];
	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", node_id(en));
	e->format = TOPO_FMT_S32;
	e->line = node_line(c, en);
	snd_config_for_each(i, next, en) {
		r = endpoint_attr(c, snd_config_iterator_entry(i), e, owner, &have);
		if (r)
			return r;
	}
	if (!(have & 1))
		return FAIL(c, en, "%s: missing attribute 'direction' (input or output)", owner);
	if (!(have & 2))
		return FAIL(c, en, "%s: missing attribute 'widget'", owner);
	if (e->dir == TOPO_INPUT && !(have & 4))
		return FAIL(c, en, "%s: missing attribute 'rate'", owner);
	if (e->dir == TOPO_INPUT && !(have & 8))
		return FAIL(c, en, "%s: missing attribute 'channels'", owner);
	t->n_endpoints++;
	return 0;
}

/* ---- top level ---- */

static void assign_instances(struct pctx *c)
{
	struct topology *t = c->t;

	for (unsigned i = 0; i < t->n_widgets; i++) {
		struct topo_widget *w = &t->widgets[i];

		if (c->instance_set[i])
			continue;
		for (unsigned inst = 0;; inst++) {
			bool used = false;

			for (unsigned j = 0; j < t->n_widgets && !used; j++)
				used = j != i && t->widgets[j].type == w->type &&
				       (c->instance_set[j] || j < i) && t->widgets[j].instance == inst;
			if (!used) {
				w->instance = inst;
				break;
			}
		}
	}
}

static int parse_list(struct pctx *c, snd_config_t *n, const char *what)
{
	snd_config_iterator_t i, next;
	unsigned k = 0;
	int r;

	r = want_compound(c, n, what);
	if (r)
		return r;
	snd_config_for_each(i, next, n) {
		snd_config_t *e = snd_config_iterator_entry(i);

		if (!strcmp(what, "pipeline"))
			r = parse_pipeline(c, e);
		else if (!strcmp(what, "route"))
			r = parse_route(c, e, k++);
		else
			r = parse_endpoint(c, e);
		if (r)
			return r;
	}
	return 0;
}

static int parse_tree(struct pctx *c, snd_config_t *top)
{
	static const char *const order[] = { "pipeline", "route", "endpoint" };
	snd_config_iterator_t i, next;
	int r;

	snd_config_for_each(i, next, top) {
		snd_config_t *n = snd_config_iterator_entry(i);
		const char *id = node_id(n);

		if (strcmp(id, "pipeline") && strcmp(id, "route") && strcmp(id, "endpoint"))
			return FAIL(c, n, "unknown section '%s' (pipeline, route or endpoint)", id);
	}
	/* widgets first, so routes and endpoints can name them in any order */
	for (unsigned k = 0; k < 3; k++) {
		snd_config_t *n;

		if (snd_config_search(top, order[k], &n) < 0)
			continue;
		r = parse_list(c, n, order[k]);
		if (r)
			return r;
		if (k == 0)
			assign_instances(c);
	}
	if (!c->t->n_pipelines)
		return topo_err(c->err, c->errlen, c->t->file, 0, "no pipeline defined");
	return 0;
}

/* alsa-lib prints syntax errors through its error handler as
 * "NAME:LINE:COLUMN:message"; keep the last one to rebuild our message. */
static char syntax_msg[512];

static void capture_error(const char *file, int line, const char *function, int err,
			  const char *fmt, ...)
{
	va_list ap;

	(void)file;
	(void)line;
	(void)function;
	(void)err;
	va_start(ap, fmt);
	vsnprintf(syntax_msg, sizeof(syntax_msg), fmt, ap);
	va_end(ap);
}

static int syntax_error(struct pctx *c, int r, const char *text, size_t len)
{
	int line = 0, col = 0, used = 0, sline = 0;
	const char *p = strchr(syntax_msg, ':'), *smsg;
	struct topo_linemap *lm = topo_linemap_build(text, len);

	smsg = topo_linemap_syntax(lm, &sline);
	if (p && sscanf(p + 1, "%d:%d:%n", &line, &col, &used) == 2) {
		/* alsa-lib stops where it gives up; our scan may know better */
		if (smsg && sline < line)
			r = topo_err(c->err, c->errlen, c->t->file, sline, "syntax error: %s", smsg);
		else
			r = topo_err(c->err, c->errlen, c->t->file, line,
				     "column %d: syntax error: %s", col, p + 1 + used);
	} else {
		r = topo_err(c->err, c->errlen, c->t->file, smsg ? sline : 0, "syntax error: %s",
			     smsg ? smsg : syntax_msg[0] ? syntax_msg : snd_strerror(r));
	}
	topo_linemap_free(lm);
	return r;
}

int topo_load_string(const char *name, const char *text, size_t len,
		     struct topology *t, char *err, size_t errlen)
{
	struct pctx c = { .t = t, .err = err, .errlen = errlen };
	snd_config_t *top = NULL;
	snd_input_t *in = NULL;
	const char *dup;
	int r, line;

	memset(t, 0, sizeof(*t));
	snprintf(t->file, sizeof(t->file), "%s", name);
	if (snd_config_top(&top) < 0 || snd_input_buffer_open(&in, text, (ssize_t)len) < 0) {
		if (top)
			snd_config_delete(top);
		return topo_err(err, errlen, name, 0, "out of memory");
	}
	syntax_msg[0] = '\0';
	snd_lib_error_set_handler(capture_error);
	r = snd_config_load(top, in);
	snd_lib_error_set_handler(NULL);
	snd_input_close(in);
	if (r < 0) {
		r = syntax_error(&c, r, text, len);
		goto out;
	}
	c.lm = topo_linemap_build(text, len);
	if (!c.lm) {
		r = topo_err(err, errlen, name, 0, "out of memory");
		goto out;
	}
	dup = topo_linemap_duplicate(c.lm, &line);
	if (dup) {
		const char *last = strrchr(dup, TOPO_PATH_SEP);

		r = topo_err(err, errlen, name, line, "attribute '%s' defined twice",
			     last ? last + 1 : dup);
		goto out;
	}
	c.top = top;
	r = parse_tree(&c, top);
	if (!r)
		r = topo_validate(t, err, errlen);
out:
	topo_linemap_free(c.lm);
	snd_config_delete(top);
	return r;
}

int topo_load_file(const char *path, struct topology *t, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	int r;

	if (!f) {
		topo_err(err, errlen, path, 0, "cannot open topology: %s", strerror(errno));
		return -ENOENT;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    n > 4 * 1024 * 1024) {
		fclose(f);
		topo_err(err, errlen, path, 0, "cannot read topology (not a regular file or over 4 MiB)");
		return -ENOENT;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		topo_err(err, errlen, path, 0, "cannot read topology");
		return -ENOENT;
	}
	fclose(f);
	buf[n] = '\0';
	r = topo_load_string(path, buf, (size_t)n, t, err, errlen);
	free(buf);
	return r;
}
