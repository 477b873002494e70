/* Topology parser, validator and writer of the vregion command. */
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

#include "convert_topology.h"
#include "topology.h"

static const char *const examples[] = { "playback.conf", "capture-48k-16k.conf",
					 "shared-src-tables.conf", "two-dp.conf" };

static struct topology *topo(void)
{
	struct topology *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	return t;
}

static int load(const char *text, struct topology *t, char *err)
{
	return topo_load_string("t.conf", text, strlen(text), t, err, 512);
}

/* The error names the file and line, and contains `what`. */
static void expect_error(const char *text, int line, const char *what)
{
	struct topology *t = topo();
	char err[512] = "", prefix[32];

	assert_int_equal(load(text, t, err), -EINVAL);
	snprintf(prefix, sizeof(prefix), "t.conf:%d:", line);
	if (strncmp(err, prefix, strlen(prefix)) || !strstr(err, what))
		fail_msg("expected '%s...%s', got '%s'", prefix, what, err);
	free(t);
}

#define GOOD_TAIL \
	"route [ { source \"h\" sink \"d\" } ]\n" \
	"endpoint.in { direction input widget h rate 48000 channels 2 }\n" \
	"endpoint.out { direction output widget d }\n"

static void test_syntax_error_line(void **state)
{
	(void)state;
	expect_error("pipeline.1 {\n priority 0\n widget.h { type copier ] }\n}\n", 3, "syntax error");
	expect_error("pipeline.1 {\n priority 0\n}\n}\n", 4, "syntax error");
}

static void test_unknown_attribute(void **state)
{
	(void)state;
	expect_error("pipeline.1 {\n"
		     " widget.h { type copier copier_type host }\n"
		     " widget.d {\n  type copier\n  copier_type dai\n  colour blue\n }\n}\n" GOOD_TAIL,
		     6, "unknown attribute 'colour'");
	expect_error("pipeline.1 {\n priority 0\n prio 3\n}\n", 3, "unknown attribute 'prio'");
	expect_error("pipeline.1 {\n widget.g {\n  type gain\n  rate_out 48000\n }\n}\n", 4,
		     "unknown attribute 'rate_out' for a gain widget");
	expect_error("pipeline.1 { widget.h { type copier copier_type host } }\n"
		     "routes [ ]\n", 2, "unknown section 'routes'");
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [\n { source h sink d }\n]\n"
		     "endpoint.in {\n direction input widget h rate 48000 channels 2\n"
		     " bits 16\n}\nendpoint.out { direction output widget d }\n",
		     10, "unknown attribute 'bits'");
}

static void test_missing_attribute(void **state)
{
	(void)state;
	expect_error("pipeline.1 {\n\n widget.s {\n  scheduler_domain DP\n }\n}\n", 3,
		     "missing attribute 'type'");
	expect_error("pipeline.1 {\n widget.s {\n  type src\n }\n}\n", 2,
		     "missing attribute 'rate_out'");
	expect_error("pipeline.1 {\n widget.c { type copier }\n}\n", 2,
		     "missing attribute 'copier_type'");
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [\n { source h }\n]\n", 6, "missing attribute 'sink'");
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [ { source h sink d } ]\n"
		     "endpoint.in {\n direction input\n widget h\n channels 2\n}\n"
		     "endpoint.out { direction output widget d }\n", 6, "missing attribute 'rate'");
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_error("pipeline.1 {\n priority 9\n}\n", 2, "attribute 'priority'");
	expect_error("pipeline.1 {\n widget.s {\n  type src\n  rate_out 47000\n }\n}\n", 4,
		     "attribute 'rate_out'");
	expect_error("pipeline.1 {\n widget.s {\n  type src\n  scheduler_domain XP\n"
		     "  rate_out 48000\n }\n}\n", 4, "attribute 'scheduler_domain'");
	expect_error("pipeline.1 {\n widget.g {\n  type gain\n  gain_db loud\n }\n}\n", 4,
		     "attribute 'gain_db'");
	expect_error("pipeline.1 {\n widget.g {\n  type gain\n  gain_db [ -1.0\n 6.0 ]\n }\n}\n", 5,
		     "6 dB is outside -144..0 dB");
	expect_error("pipeline.1 {\n widget.s {\n  type src\n  heap_bytes_requirement -5\n"
		     "  rate_out 48000\n }\n}\n", 4, "attribute 'heap_bytes_requirement'");
	expect_error("pipeline.1 {\n priority 1\n priority 2\n}\n", 3, "'priority' defined twice");
	expect_error("pipeline.x {\n priority 1\n}\n", 1, "pipeline id");
	expect_error("pipeline.1 {\n widget.c {\n  type copier\n  copier_type host\n"
		     "  scheduler_domain DP\n }\n}\n", 2, "copier runs in LL");
}

static void test_graph_errors(void **state)
{
	(void)state;
	/* output endpoint rate contradicts the SRC */
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.s { type src rate_out 48000 }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [ { source h sink s } { source s sink d } ]\n"
		     "endpoint.in { direction input widget h rate 44100 channels 2 }\n"
		     "endpoint.out {\n direction output\n widget d\n rate 44100\n}\n",
		     8, "44100 Hz does not match the 48000 Hz");
	/* a widget fed by nothing */
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.g { type gain }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [ { source h sink d } ]\n"
		     "endpoint.in { direction input widget h rate 44100 channels 2 }\n"
		     "endpoint.out { direction output widget d }\n", 3, "widget 'g'");
	/* two outputs from one widget */
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.g { type gain }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [\n { source h sink d }\n { source h sink g }\n]\n", 8, "already feeds");
	/* endpoint on a gain */
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.d { type gain }\n}\n"
		     "route [ { source h sink d } ]\n"
		     "endpoint.in { direction input widget h rate 44100 channels 2 }\n"
		     "endpoint.out { direction output widget d }\n", 7, "endpoints are copiers");
	/* duplicate explicit instance */
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host instance 3 }\n"
		     " widget.d {\n  type copier\n  copier_type dai\n  instance 3\n }\n}\n" GOOD_TAIL,
		     3, "instance 3 is already used");
	/* per-channel gains must match the channel count */
	expect_error("pipeline.1 {\n widget.h { type copier copier_type host }\n"
		     " widget.g { type gain gain_db [ -1 -2 -3 ] }\n"
		     " widget.d { type copier copier_type dai }\n}\n"
		     "route [ { source h sink g } { source g sink d } ]\n"
		     "endpoint.in { direction input widget h rate 44100 channels 2 }\n"
		     "endpoint.out { direction output widget d }\n", 3, "3 values for 2 channels");
}

static void test_defaults_and_derivation(void **state)
{
	struct topology *t = topo();
	char err[512];
	int g;

	(void)state;
	assert_int_equal(load("pipeline.4 {\n widget.h { type copier copier_type host }\n"
			      " widget.g { type gain heap_bytes_requirement 5000 }\n"
			      " widget.s { type src scheduler_domain DP rate_out 16000 }\n"
			      " widget.d { type copier copier_type dai }\n}\n"
			      "route [ { source h sink g } { source g sink s } { source s sink d } ]\n"
			      "endpoint.in { direction input widget h rate 48000 channels 1 format s16 }\n"
			      "endpoint.out { direction output widget d }\n", t, err), 0);
	assert_int_equal(t->n_pipelines, 1);
	assert_int_equal(t->pipelines[0].id, 4);
	assert_false(t->pipelines[0].heap_set);
	/* LL widgets: two copiers with SOF's default and the gain's 5000, paged */
	assert_int_equal(topo_pipeline_heap(t, 0), 57344); /* 24576*2 + 5000 -> 14 pages */
	g = topo_find_widget(t, "g");
	assert_true(g >= 0);
	assert_int_equal(t->widgets[g].n_gain, 1);
	assert_true(t->widgets[g].gain_db[0] == 0.0);
	assert_int_equal(t->widgets[topo_find_widget(t, "d")].instance, 1);
	assert_int_equal(t->widgets[topo_find_widget(t, "s")].rate_in, 48000);
	assert_int_equal(t->widgets[topo_find_widget(t, "d")].rate_in, 16000);
	assert_int_equal(t->endpoints[1].rate, 16000);
	assert_int_equal(t->endpoints[1].channels, 1);
	assert_int_equal(t->endpoints[1].format, TOPO_FMT_S32);
	free(t);
}

static char *path_of(const char *name)
{
	static char p[1024];

	snprintf(p, sizeof(p), "%s/%s", VREGION_TOPOLOGY_DIR, name);
	return p;
}

static void test_examples_parse(void **state)
{
	struct topology *t = topo();
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		if (topo_load_file(path_of(examples[i]), t, err, sizeof(err)))
			fail_msg("%s: %s", examples[i], err);
		assert_true(t->n_pipelines >= 1);
	}
	assert_int_equal(topo_load_file(path_of("no-such.conf"), t, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "no-such.conf"));
	free(t);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 1 << 16);

	assert_non_null(f);
	assert_non_null(buf);
	assert_true(fread(buf, 1, (1 << 16) - 1, f) > 0);
	fclose(f);
	return buf;
}

/* Compare everything but the file name and lines. */
static void same_topology(const struct topology *a, const struct topology *b)
{
	assert_int_equal(a->n_pipelines, b->n_pipelines);
	assert_int_equal(a->n_widgets, b->n_widgets);
	assert_int_equal(a->n_routes, b->n_routes);
	assert_int_equal(a->n_endpoints, b->n_endpoints);
	for (unsigned i = 0; i < a->n_pipelines; i++) {
		struct topo_pipeline x = a->pipelines[i], y = b->pipelines[i];

		x.line = y.line = 0;
		assert_memory_equal(&x, &y, sizeof(x));
	}
	for (unsigned i = 0; i < a->n_widgets; i++) {
		struct topo_widget x = a->widgets[i], y = b->widgets[i];

		x.line = y.line = 0;
		assert_memory_equal(&x, &y, sizeof(x));
	}
	for (unsigned i = 0; i < a->n_routes; i++) {
		struct topo_route x = a->routes[i], y = b->routes[i];

		x.line = y.line = 0;
		assert_memory_equal(&x, &y, sizeof(x));
	}
	for (unsigned i = 0; i < a->n_endpoints; i++) {
		struct topo_endpoint x = a->endpoints[i], y = b->endpoints[i];

		x.line = y.line = 0;
		assert_memory_equal(&x, &y, sizeof(x));
	}
}

static void test_writer_round_trip(void **state)
{
	struct topology *a = topo(), *b = topo();
	char err[512], p1[] = "/tmp/vr-topo-XXXXXX", p2[] = "/tmp/vr-topo-XXXXXX";
	int f1 = mkstemp(p1), f2 = mkstemp(p2);

	(void)state;
	assert_true(f1 >= 0 && f2 >= 0);
	close(f1);
	close(f2);
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		char *t1, *t2;

		assert_int_equal(topo_load_file(path_of(examples[i]), a, err, sizeof(err)), 0);
		/* fill in sizes the way `size --write` does */
		a->pipelines[0].heap_set = true;
		a->pipelines[0].heap_bytes = 12288;
		assert_int_equal(topo_write_file(a, p1, err, sizeof(err)), 0);
		if (topo_load_file(p1, b, err, sizeof(err)))
			fail_msg("re-reading %s: %s", examples[i], err);
		same_topology(a, b);
		assert_int_equal(topo_write_file(b, p2, err, sizeof(err)), 0);
		t1 = slurp(p1);
		t2 = slurp(p2);
		assert_string_equal(t1, t2);
		free(t1);
		free(t2);
	}
	unlink(p1);
	unlink(p2);
	free(a);
	free(b);
}

static void test_linemap(void **state)
{
	const char *text = "# c\na.b 1\na {\n c \"x.y\" # q\n 'd.e' {\n  f [ 1 { g 2 } ]\n }\n}\n";
	struct topo_linemap *m = topo_linemap_build(text, strlen(text));

	(void)state;
	assert_non_null(m);
	assert_int_equal(topo_linemap_line(m, "a"), 2);
	assert_int_equal(topo_linemap_line(m, "a\x1f" "b"), 2);
	assert_int_equal(topo_linemap_line(m, "a\x1f" "c"), 4);
	assert_int_equal(topo_linemap_line(m, "a\x1f" "d.e"), 5);
	assert_int_equal(topo_linemap_line(m, "a\x1f" "d.e\x1f" "f\x1f" "1\x1f" "g"), 6);
	assert_int_equal(topo_linemap_line(m, "zz"), 0);
	assert_null(topo_linemap_duplicate(m, NULL));
	topo_linemap_free(m);
}

static void test_convert_topology(void **state)
{
	struct topology *t = topo();
	char err[512];

	(void)state;
	assert_int_equal(convert_topology(t, "convert", 44100, 48000, 2, TOPO_FMT_S16,
					  TOPO_FMT_S24, err, sizeof(err)), 0);
	assert_int_equal(t->n_widgets, 3);
	assert_int_equal(t->widgets[1].type, TOPO_SRC);
	assert_int_equal(t->widgets[1].rate_in, 44100);
	assert_int_equal(t->widgets[2].rate_in, 48000);
	assert_int_equal(t->endpoints[1].rate, 48000);
	assert_int_equal(t->endpoints[1].format, TOPO_FMT_S24);
	assert_int_equal(topo_pipeline_heap(t, 0), 3 * 24576);
	/* the SRC refuses a rate it cannot convert; the message names it */
	assert_int_equal(convert_topology(t, "convert", 44100, 47000, 2, TOPO_FMT_S16,
					  TOPO_FMT_S16, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "47000"));
	assert_int_equal(convert_topology(t, "convert", 44123, 48000, 2, TOPO_FMT_S16,
					  TOPO_FMT_S16, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "44123"));
	assert_int_equal(convert_topology(t, "convert", 44100, 48000, 9, TOPO_FMT_S16,
					  TOPO_FMT_S16, err, sizeof(err)), -EINVAL);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syntax_error_line),
		cmocka_unit_test(test_unknown_attribute),
		cmocka_unit_test(test_missing_attribute),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_graph_errors),
		cmocka_unit_test(test_defaults_and_derivation),
		cmocka_unit_test(test_examples_parse),
		cmocka_unit_test(test_writer_round_trip),
		cmocka_unit_test(test_linemap),
		cmocka_unit_test(test_convert_topology),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
