/*
 * Line locator for topology files.
 *
 * alsa-lib reports line numbers for syntax errors, but its configuration
 * nodes carry no position. Schema errors (unknown attribute, missing
 * attribute, bad value) must still name a line, so this file scans the text
 * once with a small tokenizer that follows the same nesting rules as
 * alsa-lib (compound ids "a.b", quoted ids, { } compounds, [ ] arrays whose
 * elements are numbered 0, 1, ...) and records the line where each key path
 * first appears. A path is the list of snd_config ids from the top, so a
 * node found by alsa-lib is located by climbing its parents.
 *
 * It also notices a value defined twice under the same path: alsa-lib keeps
 * the last one silently, which in a topology is almost always a mistake.
 */
#include "topology.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct topo_line_entry {
	char *path;
	int line;
	bool leaf;
};

struct topo_linemap {
	struct topo_line_entry *e;
	size_t n, cap;
	char *dup_path;
	int dup_line;
	int syntax_line;           /* first structural problem, 0 = none */
	char syntax_msg[128];
};

#define MAX_DEPTH 32

struct scan {
	const char *p, *end;
	int line;
	char path[1024];
	size_t len[MAX_DEPTH * 4]; /* path length before each pushed component */
	unsigned ncomp;
	struct {
		unsigned comps;    /* components pushed by this frame */
		bool array;
		unsigned index;
		int line;          /* where the bracket opened */
	} frame[MAX_DEPTH];
	unsigned depth;
	struct topo_linemap *m;
};

/* Remember the first structural problem (alsa-lib often reports these only
 * where it gives up, e.g. at the end of the file). */
static void structural(struct scan *s, int line, const char *fmt, int arg)
{
	if (s->m->syntax_line)
		return;
	s->m->syntax_line = line;
	snprintf(s->m->syntax_msg, sizeof(s->m->syntax_msg), fmt, arg);
}

static struct topo_line_entry *find(const struct topo_linemap *m, const char *path)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->e[i].path, path) == 0)
			return &m->e[i];
	return NULL;
}

static int record(struct topo_linemap *m, const char *path, int line, bool leaf)
{
	struct topo_line_entry *e = find(m, path);

	if (e) {
		if (leaf && e->leaf && !m->dup_path) {
			m->dup_path = strdup(path);
			m->dup_line = line;
		}
		return 0;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		void *ne = realloc(m->e, cap * sizeof(*m->e));

		if (!ne)
			return -1;
		m->e = ne;
		m->cap = cap;
	}
	m->e[m->n].path = strdup(path);
	if (!m->e[m->n].path)
		return -1;
	m->e[m->n].line = line;
	m->e[m->n].leaf = leaf;
	m->n++;
	return 0;
}

static void skip_space(struct scan *s)
{
	while (s->p < s->end) {
		if (*s->p == '\n') {
			s->line++;
			s->p++;
		} else if (isspace((unsigned char)*s->p)) {
			s->p++;
		} else if (*s->p == '#') {
			while (s->p < s->end && *s->p != '\n')
				s->p++;
		} else {
			break;
		}
	}
}

static bool is_delim(char c)
{
	return isspace((unsigned char)c) || strchr("{}[]=,;#'\"", c) != NULL;
}

/* Read one id or value token into buf; dot ends an id but not a value. */
static void token(struct scan *s, char *buf, size_t cap, bool id)
{
	size_t n = 0;

	if (s->p < s->end && (*s->p == '"' || *s->p == '\'')) {
		char q = *s->p++;
		int open_line = s->line;

		while (s->p < s->end && *s->p != q) {
			if (*s->p == '\\' && s->p + 1 < s->end)
				s->p++;
			if (*s->p == '\n')
				s->line++;
			if (n + 1 < cap)
				buf[n++] = *s->p;
			s->p++;
		}
		if (s->p < s->end)
			s->p++;
		else
			structural(s, open_line, "quoted string opened on line %d is never closed",
				   open_line);
	} else {
		while (s->p < s->end && !is_delim(*s->p) && !(id && *s->p == '.')) {
			if (n + 1 < cap)
				buf[n++] = *s->p;
			s->p++;
		}
	}
	buf[n] = '\0';
}

static void push_comp(struct scan *s, const char *c)
{
	size_t l = strlen(s->path);

	if (s->ncomp >= sizeof(s->len) / sizeof(s->len[0]))
		return;
	s->len[s->ncomp++] = l;
	if (l && l + 1 < sizeof(s->path))
		s->path[l++] = TOPO_PATH_SEP;
	snprintf(s->path + l, sizeof(s->path) - l, "%s", c);
}

static void pop_comps(struct scan *s, unsigned n)
{
	while (n-- && s->ncomp) {
		s->ncomp--;
		s->path[s->len[s->ncomp]] = '\0';
	}
}

/* Value after a key (or an array element): compound, array or scalar. */
static int value(struct scan *s, struct topo_linemap *m, unsigned comps, int line)
{
	char buf[256];

	skip_space(s);
	if (s->p < s->end && (*s->p == '{' || *s->p == '[')) {
		bool array = *s->p == '[';

		s->p++;
		if (record(m, s->path, line, false) || s->depth + 1 >= MAX_DEPTH)
			return -1;
		s->depth++;
		s->frame[s->depth].comps = comps;
		s->frame[s->depth].array = array;
		s->frame[s->depth].index = 0;
		s->frame[s->depth].line = s->line;
		return 0;
	}
	token(s, buf, sizeof(buf), false);
	if (record(m, s->path, line, true))
		return -1;
	pop_comps(s, comps);
	return 0;
}

static int step(struct scan *s, struct topo_linemap *m)
{
	char buf[256];
	unsigned comps = 0;
	int line;

	skip_space(s);
	if (s->p >= s->end)
		return 1;
	if (*s->p == '}' || *s->p == ']') {
		bool array = *s->p == ']';

		s->p++;
		if (!s->depth)
			structural(s, s->line, array ? "']' without an open '['%.0d" :
				   "'}' without an open '{'%.0d", 0);
		else if (s->frame[s->depth].array != array)
			structural(s, s->line, array ? "']' closes the '{' opened on line %d" :
				   "'}' closes the '[' opened on line %d", s->frame[s->depth].line);
		if (s->depth) {
			pop_comps(s, s->frame[s->depth].comps);
			s->depth--;
		}
		return 0;
	}
	if (*s->p == ',' || *s->p == ';') {
		s->p++;
		return 0;
	}
	line = s->line;
	if (s->frame[s->depth].array) {
		const char *before = s->p;
		int r;

		snprintf(buf, sizeof(buf), "%u", s->frame[s->depth].index++);
		push_comp(s, buf);
		r = value(s, m, 1, line);
		/* An element that is only a delimiter ("[ = ]") consumes nothing:
		 * skip it as alsa-lib does, or this loops forever (found by
		 * fuzz/fuzz_topology.c). */
		if (r == 0 && s->p == before)
			s->p++;
		return r;
	}
	if (strchr("+-?!", *s->p))
		s->p++; /* assignment mode prefix */
	for (;;) {
		const char *before = s->p;

		token(s, buf, sizeof(buf), true);
		if (s->p == before) {
			s->p++; /* stray character: alsa-lib reports it */
			pop_comps(s, comps);
			return 0;
		}
		push_comp(s, buf);
		comps++;
		if (s->p < s->end && *s->p == '.') {
			s->p++;
			if (record(m, s->path, line, false))
				return -1;
			continue;
		}
		break;
	}
	skip_space(s);
	if (s->p < s->end && *s->p == '=')
		s->p++;
	return value(s, m, comps, line);
}

struct topo_linemap *topo_linemap_build(const char *text, size_t len)
{
	struct topo_linemap *m = calloc(1, sizeof(*m));
	struct scan *s = calloc(1, sizeof(*s));
	int r = 0;

	if (!m || !s) {
		free(m);
		free(s);
		return NULL;
	}
	s->p = text;
	s->end = text + len;
	s->line = 1;
	s->m = m;
	while (r == 0)
		r = step(s, m);
	if (r > 0 && s->depth)
		structural(s, s->frame[s->depth].line, "'%c' is never closed",
			   s->frame[s->depth].array ? '[' : '{');
	free(s);
	if (r < 0) {
		topo_linemap_free(m);
		return NULL;
	}
	return m;
}

void topo_linemap_free(struct topo_linemap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].path);
	free(m->e);
	free(m->dup_path);
	free(m);
}

int topo_linemap_line(const struct topo_linemap *m, const char *path)
{
	const struct topo_line_entry *e = m ? find(m, path) : NULL;

	return e ? e->line : 0;
}

const char *topo_linemap_duplicate(const struct topo_linemap *m, int *line)
{
	if (!m || !m->dup_path)
		return NULL;
	if (line)
		*line = m->dup_line;
	return m->dup_path;
}

const char *topo_linemap_syntax(const struct topo_linemap *m, int *line)
{
	if (!m || !m->syntax_line)
		return NULL;
	*line = m->syntax_line;
	return m->syntax_msg;
}
