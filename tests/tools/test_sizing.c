/*
 * Sizing algorithm and report renderings, on a model firmware: a region
 * runs when it has at least `lifetime + peak + slack` bytes, like a real
 * region whose interim heap needs a little room of its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "sizing.h"

struct model {
	uint64_t lifetime[REP_MAX_REGIONS], peak[REP_MAX_REGIONS];
	uint64_t slack;
	unsigned runs;
};

static uint64_t need(const struct model *m, unsigned i)
{
	return m->lifetime[i] + m->peak[i] + m->slack;
}

static void add_region(struct rep_run *rep, const char *name, unsigned pid, bool dp,
		       uint64_t size, uint64_t lifetime, uint64_t peak, bool fits)
{
	struct rep_region *g = &rep->regions[rep->n_regions++];

	snprintf(g->name, sizeof(g->name), "%s", name);
	g->pipeline_id = pid;
	g->dp = dp;
	g->present = true;
	g->requested = size;
	g->size = (size + TOPO_PAGE_SIZE - 1) / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE;
	g->lifetime_used = lifetime;
	g->interim_size = g->size - lifetime;
	g->interim_peak = fits ? peak : g->interim_size;
	g->alloc_failures = fits ? 0 : 1;
	if (!fits && !rep->error[0]) {
		snprintf(rep->error, sizeof(rep->error), "region '%s' ran out", name);
		rep->ok = false;
	}
}

/* Model runner: region i (pipelines first, then DP widgets in order). */
static int model_run(void *ctx, const struct topology *t, struct rep_run *rep)
{
	struct model *m = ctx;
	unsigned k = 0;

	m->runs++;
	rep->ok = true;
	for (unsigned i = 0; i < t->n_pipelines; i++, k++) {
		uint64_t size = topo_pipeline_heap(t, i);
		char name[32];

		snprintf(name, sizeof(name), "pipeline %u", t->pipelines[i].id);
		add_region(rep, name, t->pipelines[i].id, false, size, m->lifetime[k], m->peak[k],
			   (size + TOPO_PAGE_SIZE - 1) / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE >= need(m, k));
	}
	for (unsigned i = 0; i < t->n_widgets; i++) {
		const struct topo_widget *w = &t->widgets[i];
		uint64_t size;

		if (w->domain != TOPO_DP)
			continue;
		size = w->heap_bytes ? w->heap_bytes : 20480;
		add_region(rep, w->name, t->pipelines[w->pipeline].id, true, size, m->lifetime[k],
			   m->peak[k], (size + TOPO_PAGE_SIZE - 1) / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE >= need(m, k));
		k++;
	}
	return 0;
}

static const char two_dp[] =
	"pipeline.3 {\n heap_bytes_requirement 65536\n"
	" widget.h { type copier copier_type host }\n"
	" widget.up { type src scheduler_domain DP rate_out 48000 }\n"
	" widget.g { type gain }\n"
	" widget.down { type src scheduler_domain DP rate_out 16000 heap_bytes_requirement 4096 }\n"
	" widget.d { type copier copier_type dai }\n}\n"
	"route [ { source h sink up } { source up sink g } { source g sink down } { source down sink d } ]\n"
	"endpoint.in { direction input widget h rate 44100 channels 2 }\n"
	"endpoint.out { direction output widget d }\n";

static void test_recommend_formula(void **state)
{
	(void)state;
	/* (1000 + 2000 + overhead) * 1.125 < 4096 -> one page */
	assert_true(SIZE_HEAP_OVERHEAD >= 64 && SIZE_HEAP_OVERHEAD <= 256);
	assert_int_equal(size_recommend(1000, 2000, 0.125), 4096);
	/* 4000 + 100 + overhead > 4096 -> two pages */
	assert_int_equal(size_recommend(4000, 100, 0.0), 8192);
	assert_int_equal(size_recommend(4096 - SIZE_HEAP_OVERHEAD, 0, 0.0), 4096);
	assert_int_equal(size_recommend(4097 - SIZE_HEAP_OVERHEAD, 0, 0.0), 8192);
	assert_int_equal(size_recommend(0, 0, 0.0), 4096);
}

static void test_size_model(void **state)
{
	struct model m = { .lifetime = { 9000, 3000, 17000 }, .peak = { 5000, 1000, 2500 },
			   .slack = 200 };
	struct topology *in = calloc(1, sizeof(*in)), *out = calloc(1, sizeof(*out));
	struct size_result *res = calloc(1, sizeof(*res));
	char err[512];

	(void)state;
	assert_int_equal(topo_load_string("m.conf", two_dp, strlen(two_dp), in, err, sizeof(err)), 0);
	assert_int_equal(size_topology(in, 0.125, 1 << 20, model_run, &m, res, out, err,
				       sizeof(err)), 0);
	assert_int_equal(res->n, 3);
	assert_true(res->recommended_ok);
	for (unsigned i = 0; i < res->n; i++) {
		const struct size_target *tg = &res->t[i];
		uint64_t exact = (need(&m, i) + TOPO_PAGE_SIZE - 1) / TOPO_PAGE_SIZE * TOPO_PAGE_SIZE;

		assert_int_equal(tg->lifetime, m.lifetime[i]);
		assert_int_equal(tg->interim_peak, m.peak[i]);
		assert_int_equal(tg->recommended, size_recommend(m.lifetime[i], m.peak[i], 0.125));
		assert_true(tg->recommended >= exact);
		assert_true(tg->minimum_found);
		assert_int_equal(tg->minimum, exact);
		assert_true(tg->below_minimum_fails);
		assert_non_null(strstr(tg->below_minimum_error, "ran out"));
	}
	assert_string_equal(res->t[0].name, "pipeline 3");
	assert_string_equal(res->t[1].name, "up");
	/* the written topology carries the recommendations */
	assert_true(out->pipelines[0].heap_set);
	assert_int_equal(out->pipelines[0].heap_bytes, res->t[0].recommended);
	assert_int_equal(out->widgets[topo_find_widget(out, "up")].heap_bytes, res->t[1].recommended);
	assert_int_equal(out->widgets[topo_find_widget(out, "down")].heap_bytes, res->t[2].recommended);
	/* bisection is logarithmic: measure + proof + per region log2(pages) + 1 */
	assert_true(res->runs <= 2 + 3 * 6);
	assert_int_equal(res->runs, m.runs);
	free(in);
	free(out);
	free(res);
}

static void test_measure_failure(void **state)
{
	struct model m = { .lifetime = { 2 << 20 }, .peak = { 0 }, .slack = 0 };
	struct topology *in = calloc(1, sizeof(*in)), *out = calloc(1, sizeof(*out));
	struct size_result *res = calloc(1, sizeof(*res));
	char err[512];

	(void)state;
	assert_int_equal(topo_load_string("m.conf", two_dp, strlen(two_dp), in, err, sizeof(err)), 0);
	assert_int_equal(size_topology(in, 0.125, 1 << 20, model_run, &m, res, out, err,
				       sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "measuring run"));
	assert_non_null(strstr(err, "pipeline 3"));
	free(in);
	free(out);
	free(res);
}

static char *render(int (*fn)(const struct rep_run *, FILE *), const struct rep_run *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(fn(r, f), 0);
	fclose(f);
	return buf;
}

static int table(const struct rep_run *r, FILE *f)
{
	rep_print_table(r, f);
	return 0;
}

static void test_report_renderings(void **state)
{
	struct rep_run *r = calloc(1, sizeof(*r));
	char *s, path[] = "/tmp/vr-json-XXXXXX", cmd[256];
	int fd;
	FILE *f;

	(void)state;
	snprintf(r->topology, sizeof(r->topology), "a \"quoted\" <name>.conf");
	add_region(r, "pipeline 1", 1, false, 16384, 5000, 3000, true);
	add_region(r, "src.1", 1, true, 8192, 7000, 100, true);
	r->ok = true;
	r->fast_get_shared = 4242;
	s = render(rep_write_json, r);
	assert_non_null(strstr(s, "\"schema\": \"vregion-report-1\""));
	assert_non_null(strstr(s, "\"headroom\": 8384"));
	assert_non_null(strstr(s, "\\\"quoted\\\""));
	/* and it is valid JSON */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(s, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "python3 -c 'import json,sys; json.load(open(\"%s\"))'", path);
	assert_int_equal(system(cmd), 0);
	unlink(path);
	free(s);

	s = render(rep_write_svg, r);
	assert_non_null(strstr(s, "<svg"));
	assert_non_null(strstr(s, "&lt;name&gt;"));
	assert_non_null(strstr(s, "lifetime 5000 bytes"));
	assert_non_null(strstr(s, "interim peak 100 bytes"));
	free(s);

	s = render(table, r);
	assert_non_null(strstr(s, "pipeline 1"));
	assert_non_null(strstr(s, "fast-get shared: 4242 bytes"));
	assert_non_null(strstr(s, "0 users"));
	free(s);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recommend_formula),
		cmocka_unit_test(test_size_model),
		cmocka_unit_test(test_measure_failure),
		cmocka_unit_test(test_report_renderings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
