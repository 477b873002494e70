/*
 * Topology model of the vregion testbench: pipelines, widgets, routes and
 * endpoints, read from ALSA configuration syntax (the syntax SOF's topology2
 * files use) and written back in a canonical form. The schema is documented
 * in docs/vregion-command.md ("Topology files").
 */
#ifndef VREGION_TOOL_TOPOLOGY_H
#define VREGION_TOOL_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TOPO_NAME_MAX 64
#define TOPO_PATH_MAX 512
#define TOPO_MAX_PIPELINES 16
#define TOPO_MAX_WIDGETS 64
#define TOPO_MAX_ROUTES 64
#define TOPO_MAX_ENDPOINTS 8
#define TOPO_MAX_CHANNELS 8
#define TOPO_GAIN_MIN_DB (-144.0)

/* SOF's widget token default ("placeholder until measured"), used only to
 * derive a pipeline's heap when neither it nor its widgets give one. */
#define TOPO_SOF_WIDGET_HEAP_DEFAULT 24576u
#define TOPO_PAGE_SIZE 4096u
#define TOPO_PATH_SEP '\x1f'

enum topo_widget_type { TOPO_COPIER, TOPO_GAIN, TOPO_SRC };
enum topo_domain { TOPO_LL, TOPO_DP };
enum topo_copier_kind { TOPO_COPIER_HOST, TOPO_COPIER_DAI };
enum topo_direction { TOPO_INPUT, TOPO_OUTPUT };
enum topo_format { TOPO_FMT_S16, TOPO_FMT_S24, TOPO_FMT_S32, TOPO_FMT_FLOAT };

struct topo_pipeline {
	unsigned id;            /* IPC4 pipeline instance id, 0..254 */
	unsigned priority;      /* 0..7, 0 runs first */
	uint32_t domain_id;
	bool heap_set;          /* heap_bytes_requirement given in the file */
	uint32_t heap_bytes;    /* as given (0 = no region, SOF main behaviour) */
	int line;
};

struct topo_widget {
	char name[TOPO_NAME_MAX];
	enum topo_widget_type type;
	unsigned instance;      /* IPC4 instance id, unique per type */
	int pipeline;           /* index into topology.pipelines */
	enum topo_domain domain;
	uint32_t domain_id;
	bool stack_set, heap_set;
	uint32_t stack_bytes;   /* stack_bytes_requirement (0 = default) */
	uint32_t heap_bytes;    /* heap_bytes_requirement (0 = default) */
	enum topo_copier_kind copier;    /* TOPO_COPIER only */
	unsigned n_gain;                 /* TOPO_GAIN: 1 = all channels */
	double gain_db[TOPO_MAX_CHANNELS];
	unsigned ramp_ms;                /* TOPO_GAIN: ramp length */
	unsigned src_rate_out;           /* TOPO_SRC: output rate */
	/* derived by validation */
	unsigned rate_in, rate_out, channels;
	int source, sink;       /* widget index feeding / fed by this one, -1 none */
	int line;
};

struct topo_route {
	int source, sink;       /* widget indices */
	unsigned source_pin, sink_pin;
	int line;
};

struct topo_endpoint {
	char name[TOPO_NAME_MAX];
	enum topo_direction dir;
	int widget;
	unsigned rate, channels;   /* input: required; output: 0 = derived */
	enum topo_format format;
	int line;
};

struct topology {
	char file[TOPO_PATH_MAX];  /* name used in messages */
	unsigned n_pipelines, n_widgets, n_routes, n_endpoints;
	struct topo_pipeline pipelines[TOPO_MAX_PIPELINES];
	struct topo_widget widgets[TOPO_MAX_WIDGETS];
	struct topo_route routes[TOPO_MAX_ROUTES];
	struct topo_endpoint endpoints[TOPO_MAX_ENDPOINTS];
};

/*
 * Parse a topology from a file. On success returns 0 and fills *t (validated,
 * derived fields set). On failure returns -ENOENT (cannot read) or -EINVAL
 * (syntax or schema error) and writes one message "FILE:LINE: ..." into err.
 * Not thread-safe (alsa-lib's error handler is process global).
 */
int topo_load_file(const char *path, struct topology *t, char *err, size_t errlen);

/* Same from text in memory; name is used in messages. */
int topo_load_string(const char *name, const char *text, size_t len,
		     struct topology *t, char *err, size_t errlen);

/*
 * Validate cross references and derive rates, channels and neighbours.
 * Called by the loaders; callers that build a topology in code call it too.
 * Returns 0 or -EINVAL with a message in err.
 */
int topo_validate(struct topology *t, char *err, size_t errlen);

/* Write *t in canonical topology syntax. Returns 0 or -EIO. */
int topo_write(const struct topology *t, FILE *f);
int topo_write_file(const struct topology *t, const char *path, char *err, size_t errlen);

/*
 * The region size a pipeline is created with (MEM_DATA heap_bytes):
 * its heap_bytes_requirement when given; otherwise the sum over its LL
 * widgets of their heap_bytes_requirement (SOF's widget default 24576 for a
 * widget that gives none), rounded up to whole pages. 0 = no region.
 */
uint32_t topo_pipeline_heap(const struct topology *t, unsigned pipeline);

/* Lookups; -1 when absent. */
int topo_find_widget(const struct topology *t, const char *name);
int topo_find_pipeline(const struct topology *t, unsigned id);

const char *topo_type_name(enum topo_widget_type type);
const char *topo_format_name(enum topo_format f);
int topo_format_parse(const char *s, enum topo_format *f);

/* Line map: where each key path of a configuration text is defined. */
struct topo_linemap;
struct topo_linemap *topo_linemap_build(const char *text, size_t len);
void topo_linemap_free(struct topo_linemap *m);
/* path: snd_config ids from the top, separated by TOPO_PATH_SEP; 0 = unknown */
int topo_linemap_line(const struct topo_linemap *m, const char *path);
/* first key path defined twice as a value (ALSA silently keeps the last) */
const char *topo_linemap_duplicate(const struct topo_linemap *m, int *line);

/* first structural problem (unbalanced bracket, unclosed quote) or NULL */
const char *topo_linemap_syntax(const struct topo_linemap *m, int *line);

#endif
