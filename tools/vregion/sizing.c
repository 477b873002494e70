/* Heap sizing: measure, recommend, prove and bisect (see sizing.h). */
#include "sizing.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t size_recommend(uint64_t lifetime, uint64_t interim_peak, double headroom)
{
	double need = (double)(lifetime + interim_peak + SIZE_HEAP_OVERHEAD) * (1.0 + headroom);
	uint64_t bytes = (uint64_t)ceil(need);

	return (bytes + TOPO_PAGE_SIZE - 1) / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE;
}

void size_apply(struct topology *t, const struct size_target *tg, uint64_t bytes)
{
	uint32_t v = bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;

	if (tg->dp) {
		t->widgets[tg->index].heap_set = true;
		t->widgets[tg->index].heap_bytes = v;
	} else {
		t->pipelines[tg->index].heap_set = true;
		t->pipelines[tg->index].heap_bytes = v;
	}
}

/* Regions to size: pipelines that have one, every DP widget. */
static void collect_targets(const struct topology *t, struct size_result *res)
{
	res->n = 0;
	for (unsigned i = 0; i < t->n_pipelines; i++) {
		const struct topo_pipeline *p = &t->pipelines[i];
		struct size_target *tg;

		if (p->heap_set && p->heap_bytes == 0)
			continue; /* the author asked for no region */
		tg = &res->t[res->n++];
		memset(tg, 0, sizeof(*tg));
		snprintf(tg->name, sizeof(tg->name), "pipeline %u", p->id);
		tg->index = (int)i;
	}
	for (unsigned i = 0; i < t->n_widgets; i++) {
		struct size_target *tg;

		if (t->widgets[i].domain != TOPO_DP)
			continue;
		tg = &res->t[res->n++];
		memset(tg, 0, sizeof(*tg));
		snprintf(tg->name, sizeof(tg->name), "%s", t->widgets[i].name);
		tg->dp = true;
		tg->index = (int)i;
	}
}

static const struct rep_region *find_region(const struct topology *t, const struct rep_run *rep,
					    const struct size_target *tg)
{
	for (unsigned i = 0; i < rep->n_regions; i++) {
		const struct rep_region *g = &rep->regions[i];

		if (g->dp != tg->dp)
			continue;
		if (tg->dp ? !strcmp(g->name, t->widgets[tg->index].name)
			   : g->pipeline_id == t->pipelines[tg->index].id)
			return g;
	}
	return NULL;
}

static int run_once(size_runner run, void *ctx, const struct topology *t, struct rep_run *rep,
		    struct size_result *res)
{
	memset(rep, 0, sizeof(*rep));
	res->runs++;
	return run(ctx, t, rep);
}

static int bisect(const struct topology *rec, struct size_target *tg, size_runner run, void *ctx,
		  struct size_result *res, struct rep_run *rep)
{
	struct topology *t = malloc(sizeof(*t));
	uint64_t lo = 0, hi = tg->recommended / TOPO_PAGE_SIZE;
	int r = 0;

	if (!t)
		return -ENOMEM;
	/* invariant: hi pages run (the proof), lo pages do not (0 is no size) */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		*t = *rec;
		size_apply(t, tg, mid * TOPO_PAGE_SIZE);
		r = run_once(run, ctx, t, rep, res);
		if (r)
			goto out;
		if (rep->ok)
			hi = mid;
		else
			lo = mid;
	}
	tg->minimum = hi * TOPO_PAGE_SIZE;
	tg->minimum_found = true;
	if (hi > 1) {
		/* run one page less explicitly: the claim is checked, not inferred */
		*t = *rec;
		size_apply(t, tg, (hi - 1) * TOPO_PAGE_SIZE);
		r = run_once(run, ctx, t, rep, res);
		if (r)
			goto out;
		tg->below_minimum_fails = !rep->ok;
		snprintf(tg->below_minimum_error, sizeof(tg->below_minimum_error), "%s", rep->error);
	}
out:
	free(t);
	return r;
}

int size_topology(const struct topology *in, double headroom, uint32_t measure_bytes,
		  size_runner run, void *ctx, struct size_result *res, struct topology *out,
		  char *err, size_t errlen)
{
	struct rep_run *rep = malloc(sizeof(*rep));
	int r;

	if (!rep) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memset(res, 0, sizeof(*res));
	res->headroom = headroom;
	res->measure_bytes = measure_bytes;
	collect_targets(in, res);

	/* 1. measure with generous regions */
	*out = *in;
	for (unsigned i = 0; i < res->n; i++)
		size_apply(out, &res->t[i], measure_bytes);
	r = run_once(run, ctx, out, &res->measured, res);
	if (r || !res->measured.ok) {
		snprintf(err, errlen, "the measuring run with %u-byte regions failed: %s",
			 measure_bytes, r ? strerror(-r) : res->measured.error);
		free(rep);
		return r ? r : -EINVAL;
	}

	/* 2. recommend */
	*out = *in;
	for (unsigned i = 0; i < res->n; i++) {
		struct size_target *tg = &res->t[i];
		const struct rep_region *g = find_region(in, &res->measured, tg);

		if (g) {
			tg->lifetime = g->lifetime_used;
			tg->interim_peak = g->interim_peak;
		}
		tg->recommended = size_recommend(tg->lifetime, tg->interim_peak, headroom);
		size_apply(out, tg, tg->recommended);
	}

	/* 3. prove */
	r = run_once(run, ctx, out, rep, res);
	if (r)
		goto fail;
	res->recommended_ok = rep->ok;
	snprintf(res->recommended_error, sizeof(res->recommended_error), "%s", rep->error);

	/* 4. bisect each region, the others at their recommendation */
	for (unsigned i = 0; res->recommended_ok && i < res->n; i++) {
		r = bisect(out, &res->t[i], run, ctx, res, rep);
		if (r)
			goto fail;
	}
	free(rep);
	return 0;
fail:
	snprintf(err, errlen, "run failed: %s", strerror(-r));
	free(rep);
	return r;
}
