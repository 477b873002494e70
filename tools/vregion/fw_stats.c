/* Region figures of a live firmware instance (see fw_stats.h). */
#include "fw_stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/log_sink.h>

#include <vregion/audio/pipeline.h>

#include "plan.h"

struct vregion *fw_stats_pipeline_region(struct fw_instance *fw, uint32_t id)
{
	struct pipeline *p = fw_pipeline_find(fw, id);

	return p ? pipeline_region(p) : NULL;
}

struct vregion *fw_stats_module_region(struct fw_instance *fw, uint32_t module_id,
				       uint32_t instance)
{
	struct processing_module *m = fw_module_find(fw, module_id, instance);

	return m ? fw_module_region(m) : NULL;
}

static void region_name(const struct topology *t, unsigned k, char *buf, size_t cap, bool *dp,
			unsigned *pid, uint64_t *requested)
{
	if (k < t->n_pipelines) {
		snprintf(buf, cap, "pipeline %u", t->pipelines[k].id);
		*dp = false;
		*pid = t->pipelines[k].id;
		*requested = topo_pipeline_heap(t, k);
		return;
	}
	k -= t->n_pipelines;
	for (unsigned i = 0; i < t->n_widgets; i++) {
		const struct topo_widget *w = &t->widgets[i];

		if (w->domain != TOPO_DP || k--)
			continue;
		snprintf(buf, cap, "%s", w->name);
		*dp = true;
		*pid = t->pipelines[w->pipeline].id;
		*requested = w->heap_set && w->heap_bytes ? w->heap_bytes : FW_DP_DEFAULT_HEAP_BYTES;
		return;
	}
}

void fw_snapshot_take(struct fw_instance *fw, const struct topology *t, struct fw_snapshot *s)
{
	unsigned k = 0;

	memset(s, 0, sizeof(*s));
	for (unsigned i = 0; i < t->n_pipelines; i++, k++) {
		struct vregion *vr = fw_stats_pipeline_region(fw, t->pipelines[i].id);

		s->r[k].present = vr && vregion_stats(vr, &s->r[k].st) == 0;
		if (vr)
			vregion_mem_info(vr, NULL, &s->r[k].base);
	}
	for (unsigned i = 0; i < t->n_widgets; i++) {
		const struct topo_widget *w = &t->widgets[i];
		struct vregion *vr;

		if (w->domain != TOPO_DP)
			continue;
		vr = fw_stats_module_region(fw, plan_module_id(w->type), w->instance);
		s->r[k].present = vr && vregion_stats(vr, &s->r[k].st) == 0;
		if (vr)
			vregion_mem_info(vr, NULL, &s->r[k].base);
		k++;
	}
	s->n = k;
}

void fw_stats_report(const struct topology *t, const struct fw_snapshot *run,
		     const struct fw_snapshot *reset, const struct fw_leaks *leaks,
		     struct rep_run *rep)
{
	const struct fw_snapshot *any = run ? run : reset;

	rep->n_regions = any ? any->n : 0;
	for (unsigned k = 0; any && k < any->n; k++) {
		struct rep_region *g = &rep->regions[k];
		const struct vregion_stats *a = run && run->r[k].present ? &run->r[k].st : NULL;
		const struct vregion_stats *b = reset && reset->r[k].present ? &reset->r[k].st : NULL;
		const struct vregion_stats *m = a ? a : b;

		memset(g, 0, sizeof(*g));
		region_name(t, k, g->name, sizeof(g->name), &g->dp, &g->pipeline_id, &g->requested);
		g->present = m != NULL;
		if (!m)
			continue;
		g->size = m->size;
		g->lifetime_used = m->lifetime_used;
		g->interim_size = m->interim_size;
		g->interim_peak = m->interim_peak;
		g->alloc_failures = m->alloc_failures;
		if (b) {
			g->interim_after_reset = b->interim_used;
			if (b->alloc_failures > g->alloc_failures)
				g->alloc_failures = b->alloc_failures;
		}
		if (leaks)
			g->interim_at_teardown = leaks->bytes[k];
	}
}

const char *fw_stats_exhausted(const struct topology *t, const struct fw_snapshot *s,
			       char *buf, size_t cap)
{
	for (unsigned k = 0; k < s->n; k++) {
		bool dp;
		unsigned pid;
		uint64_t req;

		if (!s->r[k].present || !s->r[k].st.alloc_failures)
			continue;
		region_name(t, k, buf, cap, &dp, &pid, &req);
		return buf;
	}
	return NULL;
}

static const char *const level_names[] = { "error", "warning", "info", "debug" };

static void leak_sink(enum vr_log_level level, const char *line, void *arg)
{
	struct fw_leaks *l = arg;
	void *base;
	size_t blocks, bytes;

	if (sscanf(line, "vregion %p: allocation of %zu bytes", &base, &bytes) == 2) {
		l->alloc_failures++;
		l->last_failed_bytes = bytes;
	} else if (sscanf(line, "vregion %p destroyed with %zu interim blocks live (%zu bytes)",
			  &base, &blocks, &bytes) == 3) {
		bool found = false;

		for (unsigned k = 0; l->known && k < l->known->n; k++) {
			if (l->known->r[k].base == (uintptr_t)base) {
				l->bytes[k] += bytes;
				l->blocks[k] += blocks;
				found = true;
			}
		}
		l->unmatched += !found;
	}
	if ((int)level <= l->threshold)
		fprintf(stderr, "firmware %s: %s\n",
			(unsigned)level < 4 ? level_names[level] : "log", line);
}

void fw_leak_watch(struct fw_leaks *l)
{
	/* the same threshold as the platform's own output */
	const char *env = getenv("VREGION_LOG_LEVEL");

	if (l)
		l->threshold = env && *env ? atoi(env) : (int)VR_LOG_WARN;
	vr_log_set_sink(l ? leak_sink : NULL, l);
}
