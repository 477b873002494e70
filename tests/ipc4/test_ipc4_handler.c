/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IPC4 handler driving a firmware instance: lifecycles (LL and DP,
 * PAUSED -> RUNNING -> PAUSED -> RESET -> RUNNING, deletes in several
 * orders) with the regions checked after each step, and every refusal with
 * its status and the firmware unchanged (object counts, live regions, page
 * pool and system heap).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>
#include <vregion/ipc4/handler.h>
#include <vregion/ipc4/log.h>
#include <vregion/fault.h>
#include <vregion/sysheap.h>
#include <vregion/vpage.h>
#include <vregion/vregion.h>

#include "ipc4_util.h"

/* ---- test module types under the manifest ids ---- */

#define TM_LIFETIME_BYTES 1024u
static int tm_fail_init, tm_fail_prepare;

struct tm_priv {
	uint8_t *state;
	uint64_t produced, consumed;
	uint32_t last_param, last_size;
};

static int tm_init(struct processing_module *mod)
{
	struct tm_priv *pv = mod_zalloc(mod, sizeof(*pv));

	if (!pv)
		return -ENOMEM;
	mod->priv = pv;
	pv->state = mod_alloc(mod, TM_LIFETIME_BYTES);  /* lifetime while building */
	if (!pv->state)
		return -ENOMEM;
	return tm_fail_init ? -EIO : 0;
}

static int tm_prepare(struct processing_module *mod)
{
	(void)mod;
	return tm_fail_prepare ? -EIO : 0;
}

/* Source ends make a period, sink ends drop one, the middle copies. */
static int tm_process(struct processing_module *mod)
{
	struct tm_priv *pv = mod->priv;
	struct comp_buffer *in = mod->sources[0], *out = mod->sinks[0];
	uint8_t period[4096] = { 0 };
	size_t ibs = mod->ibs < sizeof(period) ? mod->ibs : sizeof(period);
	size_t obs = mod->obs < sizeof(period) ? mod->obs : sizeof(period);

	if (in) {
		if (buffer_avail(in) < ibs)
			return 0;
		if (!out || buffer_free_space(out) >= obs) {
			buffer_read(in, period, ibs);
			pv->consumed += ibs;
		}
	}
	if (out && buffer_free_space(out) >= obs) {
		buffer_write(out, period, obs);
		pv->produced += obs;
	}
	return 0;
}

static int tm_set(struct processing_module *mod, uint32_t param, const uint8_t *d, size_t n)
{
	struct tm_priv *pv = mod->priv;
	struct ipc4_volume_cfg v;

	if (mod->module_id == IPC4_MODULE_GAIN && param == IPC4_VOLUME_PARAM &&
	    ipc4_volume_cfg_decode(d, n, &v) != IPC4_SUCCESS)
		return -EINVAL;
	pv->last_param = param;
	pv->last_size = (uint32_t)n;
	return 0;
}

/* Answers 6000 bytes: byte i = i mod 251. */
static int tm_get(struct processing_module *mod, uint32_t param, uint8_t *d, size_t *n)
{
	(void)mod;
	if (param != 7)
		return -EINVAL;
	if (*n < 6000)
		return -ENOSPC;
	for (size_t i = 0; i < 6000; i++)
		d[i] = (uint8_t)(i % 251);
	*n = 6000;
	return 0;
}

static const struct module_ops tm_ops = {
	.init = tm_init, .prepare = tm_prepare, .process = tm_process,
	.set_configuration = tm_set, .get_configuration = tm_get,
};
static const struct module_ops tm_ops_noset = { .init = tm_init, .process = tm_process };
static const struct module_type tm_copier = { IPC4_MODULE_COPIER, "copier", &tm_ops };
static const struct module_type tm_gain = { IPC4_MODULE_GAIN, "gain", &tm_ops };
static const struct module_type tm_src = { IPC4_MODULE_SRC, "src", &tm_ops };
static const struct module_type tm_plain = { 9, "plain", &tm_ops_noset };

/* ---- fixture ---- */

static struct fw_instance *fw;
static struct ipc4_fw h;
static struct ipc4_reply rep;

static int setup(void **state)
{
	(void)state;
	tm_fail_init = tm_fail_prepare = 0;
	fw = fw_new(NULL);
	if (!fw || fw_register_module_type(fw, &tm_copier) || fw_register_module_type(fw, &tm_gain) ||
	    fw_register_module_type(fw, &tm_src) || fw_register_module_type(fw, &tm_plain))
		return -1;
	return ipc4_fw_init(&h, fw);
}

/* A fresh firmware instance in place of the fixture's. */
static void restart(void)
{
	fw_delete(fw);
	assert_int_equal(vregion_live_count(), 0);
	assert_int_equal(setup(NULL), 0);
}

static int teardown(void **state)
{
	(void)state;
	fw_delete(fw);
	return vregion_live_count() == 0 ? 0 : -1;
}

/* Everything a refused message must leave as it was. */
struct snapshot {
	struct fw_counts counts;
	size_t regions;
	size_t free_pages;
	size_t heap_used;
};

static struct snapshot snap(void)
{
	struct snapshot s;
	struct vpage_stats vp;
	struct vheap_stats hs;

	assert_int_equal(fw_get_counts(fw, &s.counts), 0);
	s.regions = vregion_live_count();
	assert_int_equal(vpage_stats(&vp), 0);
	s.free_pages = vp.free_pages;
	assert_int_equal(sys_heap_stats(&hs), 0);
	s.heap_used = hs.used;
	return s;
}

static void assert_unchanged(const struct snapshot *a)
{
	struct snapshot b = snap();

	assert_int_equal(a->counts.pipelines, b.counts.pipelines);
	assert_int_equal(a->counts.modules, b.counts.modules);
	assert_int_equal(a->counts.buffers, b.counts.buffers);
	assert_int_equal(a->regions, b.regions);
	assert_int_equal(a->free_pages, b.free_pages);
	assert_int_equal(a->heap_used, b.heap_used);
}

static uint32_t send(const struct ipc4_request *r)
{
	static struct ipc4_frame f;
	struct ipc4_msg m;
	uint32_t status;

	assert_int_equal(ipc4_encode(r, &f), 0);
	m = (struct ipc4_msg){ f.primary, f.extension, f.payload, f.len };
	status = ipc4_handle(&h, &m, &rep);
	assert_int_equal(rep.status, status);
	assert_int_equal(rep.frame.primary, ipc4_reply_primary(f.primary, status));
	return status;
}

/* Send and expect @want, checking that a refusal changed nothing. */
static void expect(const struct ipc4_request *r, uint32_t want)
{
	struct snapshot s = snap();
	uint32_t got = send(r);

	if (got != want)
		print_error("kind %d: got %s, want %s\n", r->kind, ipc4_status_name(got),
			    ipc4_status_name(want));
	assert_int_equal(got, want);
	if (want != IPC4_SUCCESS)
		assert_unchanged(&s);
}

static struct ipc4_request req;

static const struct ipc4_request *create(uint32_t id, uint32_t heap)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_CREATE_PIPELINE;
	req.u.create_pipeline.instance_id = id;
	if (heap) {
		req.u.create_pipeline.payload = 1;
		req.u.create_pipeline.data_obj_array = 1;
		req.u.create_pipeline.has_mem_data = true;
		req.u.create_pipeline.mem_data.heap_bytes = heap;
	}
	return &req;
}

static const struct ipc4_request *pdelete(uint32_t id)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_DELETE_PIPELINE;
	req.u.delete_pipeline.instance_id = id;
	return &req;
}

static const struct ipc4_request *set_state(uint32_t id, uint32_t state)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_SET_PIPELINE_STATE;
	req.u.set_pipeline_state.ppl_id = id;
	req.u.set_pipeline_state.ppl_state = state;
	return &req;
}

static const struct ipc4_request *multi(uint32_t state, uint32_t a, uint32_t b)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_SET_PIPELINE_STATE;
	req.u.set_pipeline_state.multi_ppl = 1;
	req.u.set_pipeline_state.ppl_state = state;
	req.u.set_pipeline_state.count = 2;
	req.u.set_pipeline_state.ppl_ids[0] = a;
	req.u.set_pipeline_state.ppl_ids[1] = b;
	return &req;
}

static uint32_t get_state(uint32_t id)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_GET_PIPELINE_STATE;
	req.u.get_pipeline_state.ppl_id = id;
	if (send(&req) != IPC4_SUCCESS)
		return 0xFFFFFFFFu;
	return ipc4_get_pipeline_state_reply_state(rep.frame.extension);
}

static uint8_t cfgbuf[256];

static const struct ipc4_audio_fmt fmt48 = { 48000, 32, 0xFFFFFF10, 1, 0, 2, 32, 1 };

/* INIT_INSTANCE of a manifest module with a valid configuration. */
static const struct ipc4_request *init(uint32_t mod, uint32_t inst, uint32_t ppl, int dp,
				       uint32_t dp_heap)
{
	struct ipc4_base_cfg base = { 0, 384, 384, 0, fmt48 };
	int n = 0;

	memset(&req, 0, sizeof(req));
	if (mod == IPC4_MODULE_COPIER) {
		static const uint8_t gw[4] = { 0 };
		struct ipc4_copier_cfg c = { base, fmt48, 0, IPC4_INVALID_NODE_ID, 0, 1, gw, 4 };
		n = ipc4_copier_cfg_encode(&c, cfgbuf, sizeof(cfgbuf));
	} else if (mod == IPC4_MODULE_GAIN) {
		struct ipc4_gain_cfg g;

		memset(&g, 0, sizeof(g));
		g.base = base;
		g.count = 1;
		g.ch[0] = (struct ipc4_volume_cfg){ IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0 };
		n = ipc4_gain_cfg_encode(&g, cfgbuf, sizeof(cfgbuf));
	} else if (mod == IPC4_MODULE_SRC) {
		struct ipc4_src_cfg s = { base, 16000 };
		s.base.obs = 128;
		n = ipc4_src_cfg_encode(&s, cfgbuf, sizeof(cfgbuf));
	} else {
		n = ipc4_base_cfg_encode(&base, cfgbuf, sizeof(cfgbuf));
	}
	assert_true(n > 0);
	req.kind = IPC4_KIND_INIT_INSTANCE;
	req.u.init_instance.module_id = mod;
	req.u.init_instance.instance_id = inst;
	req.u.init_instance.ppl_instance_id = ppl;
	req.u.init_instance.proc_domain = (uint32_t)dp;
	if (dp) {
		req.u.init_instance.extended_init = 1;
		req.u.init_instance.data_obj_array = 1;
		req.u.init_instance.has_dp_data = true;
		req.u.init_instance.dp_data.heap_bytes = dp_heap;
		req.u.init_instance.dp_data.stack_bytes = 0;
	}
	req.u.init_instance.config = cfgbuf;
	req.u.init_instance.config_len = (uint32_t)n;
	return &req;
}

static const struct ipc4_request *bind(int unbind, uint32_t sm, uint32_t si, uint32_t sq,
				       uint32_t dm, uint32_t di, uint32_t dq)
{
	memset(&req, 0, sizeof(req));
	req.kind = unbind ? IPC4_KIND_UNBIND : IPC4_KIND_BIND;
	req.u.bind = (struct ipc4_bind){ sm, si, dm, di, dq, sq };
	return &req;
}

static const struct ipc4_request *mdelete(uint32_t mod, uint32_t inst)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_DELETE_INSTANCE;
	req.u.delete_instance = (struct ipc4_delete_instance){ mod, inst };
	return &req;
}

static struct vregion_stats ppl_region(uint32_t id)
{
	struct vregion_stats st;
	struct pipeline *p = fw_pipeline_find(fw, id);

	assert_non_null(p);
	assert_int_equal(vregion_stats(audio_ctx_region(p->ctx), &st), 0);
	return st;
}

static struct vregion_stats mod_region(uint32_t mod, uint32_t inst)
{
	struct vregion_stats st;
	struct processing_module *m = fw_module_find(fw, mod, inst);

	assert_non_null(m);
	assert_int_equal(vregion_stats(audio_ctx_region(m->res.ctx), &st), 0);
	return st;
}

/* copier(1.0) -> SRC(3.0, DP) -> copier(1.1) in pipeline 1 with a 64 KiB region. */
static void build_chain(void)
{
	expect(create(1, 65536), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_COPIER, 0, 1, 0, 0), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_SRC, 0, 1, 1, 0), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_COPIER, 1, 1, 0, 0), IPC4_SUCCESS);
	expect(bind(0, 1, 0, 0, 3, 0, 0), IPC4_SUCCESS);
	expect(bind(0, 3, 0, 0, 1, 1, 0), IPC4_SUCCESS);
}

/* The DP module runs in its own thread: run periods until data came through. */
static void run_until_sink_consumes(void)
{
	struct tm_priv *sink = fw_module_find(fw, IPC4_MODULE_COPIER, 1)->priv;
	uint64_t before = sink->consumed;

	for (int i = 0; i < 25000 && sink->consumed == before; i++) {
		assert_true(fw_ll_run(fw, 1, false) >= 0);
		usleep(200);
	}
	assert_true(sink->consumed > before);
}

static void test_lifecycle(void **state)
{
	struct vregion_stats before, after, dp;
	(void)state;

	build_chain();
	/* lifetime during build: the modules' init memory is in the regions */
	before = ppl_region(1);
	assert_int_equal(before.mode, VREGION_MEM_TYPE_LIFETIME);
	assert_true(before.lifetime_used >= 2 * TM_LIFETIME_BYTES);
	dp = mod_region(IPC4_MODULE_SRC, 0);
	assert_int_equal(dp.mode, VREGION_MEM_TYPE_LIFETIME);
	assert_int_equal(dp.size, 20480);   /* DP_DATA heap_bytes 0 -> default */
	assert_int_equal(get_state(1), IPC4_PPL_UNINITIALIZED);

	/* RUNNING straight after create/init is illegal */
	expect(set_state(1, IPC4_PPL_RUNNING), IPC4_INVALID_REQUEST);
	expect(set_state(1, IPC4_PPL_PAUSED), IPC4_SUCCESS);
	/* interim after complete */
	after = ppl_region(1);
	assert_int_equal(after.mode, VREGION_MEM_TYPE_INTERIM);
	assert_int_equal(after.lifetime_used, before.lifetime_used);
	assert_int_equal(mod_region(IPC4_MODULE_SRC, 0).mode, VREGION_MEM_TYPE_INTERIM);
	assert_int_equal(get_state(1), IPC4_PPL_RESET);

	expect(set_state(1, IPC4_PPL_RUNNING), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_RUNNING);
	run_until_sink_consumes();
	/* delete while running */
	expect(pdelete(1), IPC4_INVALID_RESOURCE_STATE);
	expect(mdelete(IPC4_MODULE_SRC, 0), IPC4_INVALID_RESOURCE_ID);
	expect(set_state(1, IPC4_PPL_PAUSED), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_PAUSED);
	expect(set_state(1, IPC4_PPL_RESET), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_RESET);
	expect(set_state(1, IPC4_PPL_RUNNING), IPC4_SUCCESS);
	run_until_sink_consumes();
	/* end of stream: only from running; RUNNING is refused while it is set */
	expect(set_state(1, IPC4_PPL_EOS), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_EOS);
	expect(set_state(1, IPC4_PPL_RUNNING), IPC4_INVALID_REQUEST);
	expect(set_state(1, IPC4_PPL_PAUSED), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_PAUSED);
	expect(set_state(1, IPC4_PPL_EOS), IPC4_INVALID_REQUEST);   /* not from paused */
	expect(set_state(1, IPC4_PPL_RESET), IPC4_SUCCESS);
	/* restarts do not grow the lifetime part */
	assert_int_equal(ppl_region(1).lifetime_used, before.lifetime_used);

	/* delete order 1: modules first, then the pipeline */
	expect(bind(1, 3, 0, 0, 1, 1, 0), IPC4_SUCCESS);
	expect(mdelete(IPC4_MODULE_COPIER, 1), IPC4_SUCCESS);
	expect(mdelete(IPC4_MODULE_SRC, 0), IPC4_SUCCESS);
	expect(mdelete(IPC4_MODULE_COPIER, 0), IPC4_SUCCESS);
	expect(pdelete(1), IPC4_SUCCESS);
	assert_int_equal(vregion_live_count(), 0);
}

static void test_delete_pipeline_with_modules(void **state)
{
	struct snapshot empty = snap();
	(void)state;

	/* delete order 2: the pipeline takes its modules with it */
	build_chain();
	expect(set_state(1, IPC4_PPL_RESET), IPC4_SUCCESS);   /* RESET from INIT completes */
	assert_int_equal(ppl_region(1).mode, VREGION_MEM_TYPE_INTERIM);
	expect(pdelete(1), IPC4_SUCCESS);
	assert_unchanged(&empty);
	/* delete order 3: a never-completed pipeline, modules still bound */
	build_chain();
	expect(pdelete(1), IPC4_SUCCESS);
	assert_unchanged(&empty);
	/* two pipelines, multi-pipeline state changes, deleted in creation order */
	build_chain();
	expect(create(2, 0), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_COPIER, 2, 2, 0, 0), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_GAIN, 0, 2, 0, 0), IPC4_SUCCESS);
	expect(bind(0, 1, 2, 0, 2, 0, 0), IPC4_SUCCESS);
	/* pipelines chained: pipeline 1's last copier also feeds the gain of pipeline 2 */
	expect(bind(0, 1, 1, 0, 2, 0, 1), IPC4_SUCCESS);
	expect(multi(IPC4_PPL_PAUSED, 1, 2), IPC4_SUCCESS);
	expect(multi(IPC4_PPL_RUNNING, 1, 2), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_RUNNING);
	assert_int_equal(get_state(2), IPC4_PPL_RUNNING);
	assert_true(fw_ll_run(fw, 50, false) >= 0);
	/* one unknown id: nothing moves */
	expect(multi(IPC4_PPL_PAUSED, 1, 9), IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(get_state(1), IPC4_PPL_RUNNING);
	/* an illegal move for the second (EOS from PAUSED): the first does not move either */
	expect(set_state(2, IPC4_PPL_PAUSED), IPC4_SUCCESS);
	expect(multi(IPC4_PPL_EOS, 1, 2), IPC4_INVALID_REQUEST);
	assert_int_equal(get_state(1), IPC4_PPL_RUNNING);
	assert_int_equal(get_state(2), IPC4_PPL_PAUSED);
	expect(set_state(2, IPC4_PPL_RUNNING), IPC4_SUCCESS);
	/* deleting a running pipeline is refused */
	expect(pdelete(2), IPC4_INVALID_RESOURCE_STATE);
	expect(multi(IPC4_PPL_PAUSED, 1, 2), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_PAUSED);
	assert_int_equal(get_state(2), IPC4_PPL_PAUSED);
	expect(multi(IPC4_PPL_RESET, 2, 1), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_RESET);
	assert_int_equal(get_state(2), IPC4_PPL_RESET);
	/* delete order 4: the upstream pipeline first, its cross-pipeline buffer goes with it */
	expect(pdelete(1), IPC4_SUCCESS);
	assert_int_equal(get_state(2), IPC4_PPL_RESET);
	expect(set_state(2, IPC4_PPL_RUNNING), IPC4_SUCCESS);
	assert_true(fw_ll_run(fw, 20, false) >= 0);
	expect(set_state(2, IPC4_PPL_RESET), IPC4_SUCCESS);
	expect(pdelete(2), IPC4_SUCCESS);
	assert_unchanged(&empty);
}

static void test_pipeline_refusals(void **state)
{
	(void)state;
	expect(create(1, 65536), IPC4_SUCCESS);
	expect(create(1, 0), IPC4_INVALID_RESOURCE_ID);          /* duplicate */
	expect(create(2, 0x4000001), IPC4_ERROR_INVALID_PARAM);  /* heap above 64 MiB */
	expect(create(2, 0x4000000), IPC4_SUCCESS);              /* 64 MiB exactly */
	expect(pdelete(2), IPC4_SUCCESS);
	expect(create(IPC4_INVALID_PIPELINE_ID, 0), IPC4_ERROR_INVALID_PARAM);
	expect(create(254, 0), IPC4_SUCCESS);
	expect(pdelete(254), IPC4_SUCCESS);
	create(2, 0);
	req.u.create_pipeline.core_id = 1;
	expect(&req, IPC4_INVALID_CORE_ID);
	create(2, 0);
	req.u.create_pipeline.ppl_priority = 8;
	expect(&req, IPC4_ERROR_INVALID_PARAM);
	expect(pdelete(2), IPC4_INVALID_RESOURCE_ID);
	expect(set_state(2, IPC4_PPL_PAUSED), IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(get_state(2), 0xFFFFFFFFu);
	assert_int_equal(rep.status, IPC4_INVALID_RESOURCE_ID);
	/* an empty pipeline can never leave INIT */
	expect(set_state(1, IPC4_PPL_PAUSED), IPC4_INVALID_REQUEST);
	/* unsupported targets */
	for (uint32_t s = 0; s < 12; s++)
		if (s < IPC4_PPL_RESET || s > IPC4_PPL_EOS)
			expect(set_state(1, s), IPC4_INVALID_REQUEST);
	expect(set_state(1, IPC4_PPL_EOS), IPC4_INVALID_REQUEST);
	/* a payload bit with a payload that does not decode: refused, not created */
	{
		uint8_t bad[12] = { 2, 0, 0, 0 };   /* payload_words 2 < 3 */
		struct ipc4_msg m = { 0x11020000, 0x20000000, bad, 12 };
		struct snapshot s = snap();

		assert_int_equal(ipc4_handle(&h, &m, &rep), IPC4_ERROR_INVALID_PARAM);
		assert_unchanged(&s);
	}
	expect(pdelete(1), IPC4_SUCCESS);
}

static void test_module_refusals(void **state)
{
	(void)state;
	expect(create(1, 65536), IPC4_SUCCESS);
	/* ids of things that do not exist */
	expect(init(IPC4_MODULE_COPIER, 0, 5, 0, 0), IPC4_MOD_NOT_INITIALIZED);  /* no pipeline */
	expect(init(4, 0, 1, 0, 0), IPC4_MOD_NOT_INITIALIZED);                    /* not in manifest */
	init(IPC4_MODULE_COPIER, 0, 1, 0, 0);
	req.u.init_instance.core_id = 2;
	expect(&req, IPC4_INVALID_CORE_ID);
	/* bind before init */
	expect(bind(0, 1, 0, 0, 2, 0, 0), IPC4_INVALID_RESOURCE_ID);
	expect(init(IPC4_MODULE_COPIER, 0, 1, 0, 0), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_COPIER, 0, 1, 0, 0), IPC4_MOD_NOT_INITIALIZED);  /* duplicate */
	/* a bad module config */
	init(IPC4_MODULE_SRC, 0, 1, 0, 0);
	req.u.init_instance.config_len = 40;
	expect(&req, IPC4_MOD_NOT_INITIALIZED);
	/* DP heap above 64 MiB */
	expect(init(IPC4_MODULE_SRC, 0, 1, 1, 0x4000001), IPC4_MOD_NOT_INITIALIZED);
	/* a module whose init fails halfway leaves nothing behind */
	tm_fail_init = 1;
	expect(init(IPC4_MODULE_GAIN, 0, 1, 0, 0), IPC4_MOD_NOT_INITIALIZED);
	expect(init(IPC4_MODULE_SRC, 0, 1, 1, 0), IPC4_MOD_NOT_INITIALIZED);
	tm_fail_init = 0;
	/* a gateway copier needs a parent pipeline */
	init(IPC4_MODULE_COPIER, 5, IPC4_INVALID_PIPELINE_ID, 0, 0);
	ipc4_put_le32(cfgbuf + 68, 0x00000001);  /* node_id: HDA host output, stream 2 */
	expect(&req, IPC4_MOD_NOT_INITIALIZED);

	expect(init(IPC4_MODULE_SRC, 0, 1, 1, 4096), IPC4_SUCCESS);
	/* DP_DATA sizes: heap as asked, stack 0 -> default */
	assert_int_equal(mod_region(IPC4_MODULE_SRC, 0).size, 4096);
	assert_int_equal(fw_module_find(fw, IPC4_MODULE_SRC, 0)->stack_bytes,
			 fw_get_config(fw)->dp_default_stack);
	init(IPC4_MODULE_SRC, 1, 1, 1, 4096);
	req.u.init_instance.dp_data.stack_bytes = 100;   /* below the floor: raised */
	expect(&req, IPC4_SUCCESS);
	assert_int_equal(fw_module_find(fw, IPC4_MODULE_SRC, 1)->stack_bytes,
			 fw_get_config(fw)->dp_min_stack);
	/* DP -> DP, unknown ends, unbind of nothing */
	expect(bind(0, 3, 0, 0, 3, 1, 0), IPC4_INVALID_REQUEST);
	expect(bind(0, 1, 0, 0, 3, 7, 0), IPC4_INVALID_RESOURCE_ID);
	expect(bind(1, 1, 0, 0, 3, 0, 0), IPC4_INVALID_RESOURCE_ID);
	expect(bind(0, 1, 0, 0, 3, 0, 0), IPC4_SUCCESS);
	expect(bind(0, 1, 0, 0, 3, 0, 0), IPC4_INVALID_RESOURCE_STATE);  /* pin taken */
	expect(bind(1, 1, 0, 1, 3, 0, 0), IPC4_INVALID_RESOURCE_ID);     /* wrong pin */
	expect(bind(1, 1, 0, 0, 3, 0, 0), IPC4_SUCCESS);
	expect(mdelete(IPC4_MODULE_GAIN, 0), IPC4_INVALID_RESOURCE_ID);
	expect(mdelete(IPC4_MODULE_SRC, 1), IPC4_SUCCESS);
	expect(mdelete(IPC4_MODULE_SRC, 1), IPC4_INVALID_RESOURCE_ID);
	expect(pdelete(1), IPC4_SUCCESS);
}

static const struct ipc4_request *lset(uint32_t mod, uint32_t inst, uint32_t param, int init_b,
				       int final_b, uint32_t off_size, const uint8_t *d, uint32_t n)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_LARGE_CONFIG_SET;
	req.u.large_config = (struct ipc4_large_config){ mod, inst, off_size, param,
							 (uint32_t)final_b, (uint32_t)init_b, d, n };
	return &req;
}

static void test_large_config(void **state)
{
	static uint8_t blob[6000];
	struct ipc4_volume_cfg v = { IPC4_ALL_CHANNELS, 0x40000000, 1, 200000 };
	uint8_t vb[24];
	struct tm_priv *pv;
	(void)state;

	expect(create(1, 65536), IPC4_SUCCESS);
	expect(init(IPC4_MODULE_GAIN, 0, 1, 0, 0), IPC4_SUCCESS);
	expect(init(9, 0, 1, 0, 0), IPC4_SUCCESS);
	pv = fw_module_find(fw, IPC4_MODULE_GAIN, 0)->priv;
	ipc4_volume_cfg_encode(&v, vb, sizeof(vb));
	expect(lset(IPC4_MODULE_GAIN, 0, 0, 1, 1, 24, vb, 24), IPC4_SUCCESS);
	assert_int_equal(pv->last_size, 24);
	vb[0] = 9;  /* channel 9: the module refuses */
	expect(lset(IPC4_MODULE_GAIN, 0, 0, 1, 1, 24, vb, 24), IPC4_INVALID_RESOURCE_ID);
	expect(lset(IPC4_MODULE_GAIN, 1, 0, 1, 1, 24, vb, 24), IPC4_INVALID_RESOURCE_ID);
	expect(lset(0, 1, 0, 1, 1, 24, vb, 24), IPC4_INVALID_RESOURCE_ID);
	expect(lset(0, 0, 0, 1, 1, 24, vb, 24), IPC4_INVALID_REQUEST);
	expect(lset(9, 0, 0, 1, 1, 24, vb, 24), IPC4_INVALID_REQUEST);  /* no setter */
	/* two fragments */
	memset(blob, 0x42, sizeof(blob));
	expect(lset(IPC4_MODULE_GAIN, 0, 5, 1, 0, 6000, blob, 4096), IPC4_SUCCESS);
	expect(lset(IPC4_MODULE_GAIN, 0, 5, 1, 0, 6000, blob, 4096), IPC4_INVALID_RESOURCE_ID);
	expect(lset(IPC4_MODULE_GAIN, 0, 5, 0, 1, 4096, blob, 1904), IPC4_SUCCESS);
	assert_int_equal(pv->last_param, 5);
	assert_int_equal(pv->last_size, 6000);

	/* GET in blocks: 4096 then 1904 bytes */
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_LARGE_CONFIG_GET;
	req.u.large_config = (struct ipc4_large_config){ IPC4_MODULE_GAIN, 0, 8192, 7, 0, 1,
							 NULL, 0 };
	expect(&req, IPC4_SUCCESS);
	assert_int_equal(rep.frame.len, 4096);
	assert_int_equal(rep.frame.extension & 0xFFFFF, 4096);
	assert_int_equal((rep.frame.extension >> 28) & 1, 0);
	for (uint32_t i = 0; i < rep.frame.len; i++)
		assert_int_equal(rep.frame.payload[i], i % 251);
	req.u.large_config.init_block = 0;
	req.u.large_config.data_off_size = 4096;
	expect(&req, IPC4_SUCCESS);
	assert_int_equal(rep.frame.len, 1904);
	assert_int_equal((rep.frame.extension >> 28) & 1, 1);
	assert_int_equal(rep.frame.payload[0], 4096 % 251);
	req.u.large_config.large_param_id = 8;   /* the getter refuses */
	expect(&req, IPC4_INVALID_RESOURCE_ID);
	assert_int_equal((rep.frame.extension >> 28) & 1, 1);
	assert_int_equal(rep.frame.len, 0);
	/* CONFIG_SET/GET: no attribute op */
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_CONFIG_SET;
	req.u.config = (struct ipc4_config){ IPC4_MODULE_GAIN, 0, 0x30000000 };
	expect(&req, IPC4_INVALID_REQUEST);
	req.u.config.instance_id = 3;
	expect(&req, IPC4_INVALID_RESOURCE_ID);
	expect(pdelete(1), IPC4_SUCCESS);
}

static void test_malformed_requests_change_nothing(void **state)
{
	static const uint32_t prims[] = { 0x31000000, 0x05000000, 0x4C000001, 0x47000000 };
	struct snapshot s;
	(void)state;

	build_chain();
	s = snap();
	for (size_t i = 0; i < sizeof(prims) / sizeof(prims[0]); i++) {
		struct ipc4_msg m = { prims[i], 0, NULL, 0 };

		assert_int_not_equal(ipc4_handle(&h, &m, &rep), IPC4_SUCCESS);
	}
	assert_int_equal(ipc4_handle(NULL, NULL, &rep), IPC4_ERROR_INVALID_PARAM);
	assert_unchanged(&s);
	expect(pdelete(1), IPC4_SUCCESS);
}

static void test_ipc_log(void **state)
{
	FILE *f = tmpfile();
	struct ipc4_log_reader rd;
	static struct ipc4_frame rec;
	struct ipc4_fw_stats st;
	int n = 0;
	(void)state;

	ipc4_fw_set_log(&h, f);
	expect(create(3, 0), IPC4_SUCCESS);
	expect(create(3, 0), IPC4_INVALID_RESOURCE_ID);
	expect(pdelete(3), IPC4_SUCCESS);
	ipc4_fw_set_log(&h, NULL);
	rewind(f);
	ipc4_log_reader_init(&rd, f);
	while (ipc4_log_read(&rd, &rec) == 1) {
		struct ipc4_reply_hdr rh;

		ipc4_reply_decode(rec.primary, rec.extension, &rh, NULL);
		assert_int_equal(rh.rsp, n % 2);
		if (n == 3)
			assert_int_equal(rh.status, IPC4_INVALID_RESOURCE_ID);
		n++;
	}
	assert_int_equal(n, 6);
	fclose(f);
	ipc4_fw_get_stats(&h, &st);
	assert_int_equal(st.requests, 3);
	assert_int_equal(st.refused, 1);
}

/*
 * Send @p r with the nth allocation failing, for n = 1, 2, ... until it
 * succeeds: every failure is @p fail_status and changes nothing.
 */
static void send_with_faults(const struct ipc4_request *r, uint32_t fail_status)
{
	static struct ipc4_request copy;
	unsigned long n;

	copy = *r;
	for (n = 1; n < 1000; n++) {
		struct snapshot s = snap();
		uint32_t st;
		bool fired;

		vr_fault_arm(VR_FAULT_ALL, n);
		st = send(&copy);
		fired = vr_fault_fired();
		vr_fault_arm(0, 0);
		if (st == IPC4_SUCCESS)
			break;
		assert_true(fired);
		assert_int_equal(st, fail_status);
		assert_unchanged(&s);
	}
	print_message("%lu allocations\n", n - 1);
	assert_true(n > 1);   /* the message did allocate, so some failure was seen */
}

static void test_allocation_failures(void **state)
{
	struct snapshot empty = snap();
	(void)state;

	send_with_faults(create(1, 65536), IPC4_OUT_OF_MEMORY);
	send_with_faults(init(IPC4_MODULE_COPIER, 0, 1, 0, 0), IPC4_MOD_NOT_INITIALIZED);
	send_with_faults(init(IPC4_MODULE_SRC, 0, 1, 1, 0), IPC4_MOD_NOT_INITIALIZED);
	send_with_faults(init(IPC4_MODULE_COPIER, 1, 1, 0, 0), IPC4_MOD_NOT_INITIALIZED);
	send_with_faults(bind(0, 1, 0, 0, 3, 0, 0), IPC4_OUT_OF_MEMORY);
	send_with_faults(bind(0, 3, 0, 0, 1, 1, 0), IPC4_OUT_OF_MEMORY);
	expect(set_state(1, IPC4_PPL_PAUSED), IPC4_SUCCESS);
	expect(set_state(1, IPC4_PPL_RUNNING), IPC4_SUCCESS);
	run_until_sink_consumes();
	expect(set_state(1, IPC4_PPL_RESET), IPC4_SUCCESS);
	expect(pdelete(1), IPC4_SUCCESS);
	assert_unchanged(&empty);
}

/* A session recorded by the handler replays to itself on a fresh instance. */
static void test_replay(void **state)
{
	FILE *f = tmpfile(), *g;
	struct ipc4_log_reader rd;
	struct ipc4_replay_result res;
	static struct ipc4_frame rec;
	uint8_t buf[64];
	long size;
	(void)state;

	ipc4_fw_set_log(&h, f);
	build_chain();
	expect(create(1, 0), IPC4_INVALID_RESOURCE_ID);
	expect(set_state(1, IPC4_PPL_PAUSED), IPC4_SUCCESS);
	assert_int_equal(get_state(1), IPC4_PPL_RESET);
	expect(set_state(1, IPC4_PPL_RESET), IPC4_SUCCESS);
	expect(pdelete(1), IPC4_SUCCESS);
	ipc4_fw_set_log(&h, NULL);

	restart();
	rewind(f);
	ipc4_log_reader_init(&rd, f);
	assert_int_equal(ipc4_replay(&h, &rd, &res), 0);
	assert_int_equal(res.requests, 11);
	assert_int_equal(res.refused, 1);
	assert_int_equal(res.compared, 11);
	assert_int_equal(res.mismatches, 0);

	/* a logged reply that differs: record 3 is the reply to the first INIT */
	restart();
	rewind(f);
	ipc4_log_reader_init(&rd, f);
	for (int i = 0; i < 4; i++)
		assert_int_equal(ipc4_log_read(&rd, &rec), 1);
	size = (long)rd.offset - 12 - (long)rec.len;
	fseek(f, size, SEEK_SET);
	ipc4_put_le32(buf, rec.primary | IPC4_MOD_NOT_INITIALIZED);
	fwrite(buf, 1, 4, f);
	rewind(f);
	ipc4_log_reader_init(&rd, f);
	assert_int_equal(ipc4_replay(&h, &rd, &res), 0);
	assert_int_equal(res.mismatches, 1);
	assert_int_equal(res.first_mismatch, 3);
	assert_non_null(strstr(res.error, "record 3"));

	/* requests only: played, nothing compared; a reply first: a mismatch */
	restart();
	g = tmpfile();
	assert_int_equal(ipc4_log_write(g, ipc4_reply_primary(0x11010000, 0), 0, NULL, 0), 0);
	assert_int_equal(ipc4_log_write(g, 0x11010000, 0, NULL, 0), 0);
	assert_int_equal(ipc4_log_write(g, 0x12010000, 0, NULL, 0), 0);
	rewind(g);
	ipc4_log_reader_init(&rd, g);
	assert_int_equal(ipc4_replay(&h, &rd, &res), 0);
	assert_int_equal(res.requests, 2);
	assert_int_equal(res.compared, 0);
	assert_int_equal(res.mismatches, 1);
	assert_int_equal(res.first_mismatch, 0);
	/* a corrupt log stops the replay with the reader's error */
	memset(buf, 0, sizeof(buf));
	ipc4_put_le32(buf + 8, 5000);
	fwrite(buf, 1, 12, g);
	rewind(g);
	restart();
	ipc4_log_reader_init(&rd, g);
	assert_int_equal(ipc4_replay(&h, &rd, &res), -EMSGSIZE);
	assert_non_null(strstr(res.error, "record 3"));
	assert_int_equal(ipc4_replay(NULL, &rd, &res), -EINVAL);
	fclose(g);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_pipeline_with_modules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pipeline_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_module_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_requests_change_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ipc_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replay, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
