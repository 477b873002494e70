/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer harness of the `vregion` command's topology parser
 * (VREGION_FUZZ). The input is topology text. Whatever parses must:
 *  - write back (canonical form) and parse again, and the second write must
 *    equal the first (the writer and the parser agree);
 *  - turn into a plan (build, stop, teardown) whose every step encodes with
 *    the IPC4 codec and decodes again, or be refused with -EINVAL and a
 *    message (never crash, never a step the decoder rejects).
 * A refused input must come with an error message.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/ipc4.h>

#include "plan.h"
#include "topology.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
const char *__lsan_default_suppressions(void);

/*
 * alsa-lib 1.2.8 leaks an identifier string when snd_config_load() meets an
 * unexpected character (reproduced with alsa-lib alone, docs/hardening.md);
 * that leak is not ours, every other one is reported.
 */
const char *__lsan_default_suppressions(void)
{
	return "leak:libasound.so\n";
}
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct topology t, t2;
static struct ipc4_frame f;
static struct ipc4_request d;

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_topology: %s: %s\n", what, detail);
	abort();
}

/* Canonical text of @p top in a malloc'd buffer. */
static char *write_text(const struct topology *top, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);

	if (!m)
		abort();
	if (topo_write(top, m) != 0)
		fail("topo_write", "failed on a parsed topology");
	if (fclose(m))
		abort();
	return buf;
}

static void check_plan(const struct topology *top)
{
	enum topo_format fmt[TOPO_MAX_ENDPOINTS];
	struct plan p = { 0 };
	char err[512] = "";
	int r;

	for (unsigned i = 0; i < top->n_endpoints; i++)
		fmt[i] = top->endpoints[i].format;
	r = plan_build(&p, top, fmt, err, sizeof(err));
	if (r == 0 && (plan_stop(&p, top) || plan_delete(&p, top)))
		fail("plan", "stop/delete failed");
	if (r && r != -EINVAL && r != -ENOMEM)
		fail("plan_build", "unexpected error");
	if (r == -EINVAL && !err[0])
		fail("plan_build", "refusal without a message");
	for (unsigned i = 0; r == 0 && i < p.n; i++) {
		struct ipc4_msg m;

		if (plan_encode(&p.steps[i], &f))
			fail("plan_encode", p.steps[i].what);
		m = (struct ipc4_msg){ f.primary, f.extension, f.payload, f.len };
		if (ipc4_decode(&m, &d) != IPC4_SUCCESS)
			fail("encoded step does not decode", p.steps[i].what);
	}
	plan_free(&p);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("VREGION_LOG_LEVEL", "-1", 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512] = "";
	char *text = malloc(size ? size : 1), *w1, *w2;
	size_t l1, l2;

	if (!text)
		abort();
	memcpy(text, data, size);
	if (topo_load_string("fuzz", text, size, &t, err, sizeof(err)) != 0) {
		free(text);
		if (!err[0])
			fail("refused", "no error message");
		return 0;
	}
	free(text);
	w1 = write_text(&t, &l1);
	if (topo_load_string("rewritten", w1, l1, &t2, err, sizeof(err)) != 0)
		fail("canonical form does not parse", err);
	w2 = write_text(&t2, &l2);
	if (l1 != l2 || memcmp(w1, w2, l1) != 0)
		fail("canonical form is not a fixpoint", w1);
	free(w1);
	free(w2);
	check_plan(&t);
	return 0;
}
