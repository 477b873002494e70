/*
 * The memory report of a run: one entry per region (each pipeline's and each
 * DP module's), the system heap and fast-get's shared bytes, printed as a
 * table, as JSON (schema in docs/vregion-command.md) or drawn as SVG bars.
 */
#ifndef VREGION_TOOL_REPORT_H
#define VREGION_TOOL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "topology.h"

#define REP_MAX_REGIONS (TOPO_MAX_PIPELINES + TOPO_MAX_WIDGETS)

/* One region as measured during a run. */
struct rep_region {
	char name[TOPO_NAME_MAX + 16]; /* "pipeline 1" or the DP widget's name */
	unsigned pipeline_id;
	bool dp;                       /* a DP module's region, else a pipeline's */
	bool present;                  /* false: the pipeline runs without a region */
	uint64_t requested;            /* heap_bytes sent in MEM_DATA / DP_DATA */
	uint64_t size;                 /* region size (pages) */
	uint64_t lifetime_used;        /* lifetime high mark after the build */
	uint64_t interim_size;         /* interim heap span */
	uint64_t interim_peak;         /* interim high-water mark over the run */
	uint64_t interim_after_reset;  /* interim bytes modules keep across a reset (buffers...) */
	uint64_t interim_at_teardown;  /* interim bytes still live when the region was destroyed:
					* leaks (0 expected) */
	uint64_t alloc_failures;       /* allocations the region refused */
};

struct rep_run {
	char topology[TOPO_PATH_MAX];
	char input[TOPO_PATH_MAX];
	unsigned n_regions;
	struct rep_region regions[REP_MAX_REGIONS];
	uint64_t sysheap_used_peak;    /* system heap high-water mark */
	uint64_t sysheap_used_end;     /* system heap bytes still used after teardown */
	uint64_t fast_get_shared;      /* bytes of fast-get copies (one per distinct table) */
	unsigned fast_get_tables;      /* distinct tables held */
	unsigned fast_get_users;       /* references on them (users) */
	uint64_t frames_in, frames_out;
	double audio_seconds, wall_seconds;
	double cpu_seconds;            /* CPU time of the process (all threads) during the run */
	unsigned n_outputs;
	struct {
		char path[TOPO_PATH_MAX];  /* empty: discarded */
		uint64_t frames;
		unsigned rate;
	} outputs[TOPO_MAX_ENDPOINTS];
	unsigned ipc_messages, ipc_failures;
	unsigned leaked_regions, leaked_blocks; /* alive after teardown (0 expected) */
	bool ok;
	char error[512];               /* first failure, empty when ok */
};

/* Free bytes never used: size - lifetime_used - interim_peak (0 floor). */
uint64_t rep_headroom(const struct rep_region *r);

/* Human-readable table. */
void rep_print_table(const struct rep_run *r, FILE *f);

/* JSON document (one object, schema "vregion-report-1"). Returns 0 or -EIO. */
int rep_write_json(const struct rep_run *r, FILE *f);

/* SVG drawing, one bar per region: lifetime, interim peak, free.
 * Returns 0 or -EIO. */
int rep_write_svg(const struct rep_run *r, FILE *f);

/* JSON string escaping helper (also used by `size --json`). */
void rep_json_string(FILE *f, const char *s);

#endif
