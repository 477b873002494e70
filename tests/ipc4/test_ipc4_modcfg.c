/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Module configurations (base, pin extension, copier, gain, SRC), the volume
 * controls, LARGE_CONFIG_SET reassembly and the vendor record list.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ipc4_util.h"

static const struct ipc4_audio_fmt stereo32 = {
	48000, 32, 0xFFFFFF10, 1, 0, 2, 32, IPC4_SAMPLE_LSB_INTEGER,
};

static struct ipc4_base_cfg base48k(void)
{
	struct ipc4_base_cfg b = { 0, 384, 384, 0, stereo32 };
	return b;
}

/* Decode from an exact-size heap copy (ASan sees over-reads). */
typedef uint32_t (*dec_fn)(const uint8_t *, size_t, void *);
static uint32_t exact(dec_fn fn, const uint8_t *b, size_t len, void *out)
{
	uint8_t *c = malloc(len ? len : 1);
	uint32_t st;

	memcpy(c, b, len);
	st = fn(c, len, out);
	free(c);
	return st;
}

static uint32_t dec_base(const uint8_t *b, size_t l, void *o) { return ipc4_base_cfg_decode(b, l, o); }
static uint32_t dec_src(const uint8_t *b, size_t l, void *o) { return ipc4_src_cfg_decode(b, l, o); }
static uint32_t dec_gain(const uint8_t *b, size_t l, void *o) { return ipc4_gain_cfg_decode(b, l, o); }
static uint32_t dec_copier(const uint8_t *b, size_t l, void *o) { return ipc4_copier_cfg_decode(b, l, o); }
static uint32_t dec_vol(const uint8_t *b, size_t l, void *o) { return ipc4_volume_cfg_decode(b, l, o); }
static uint32_t dec_switch(const uint8_t *b, size_t l, void *o) { return ipc4_switch_ctl_decode(b, l, o); }

static void test_audio_fmt_rules(void **state)
{
	struct ipc4_audio_fmt f = stereo32;
	(void)state;

	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
	f.valid_bit_depth = 24;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);   /* S24_4LE */
	f.depth = 16;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_MOD_NOT_INITIALIZED);  /* valid > depth */
	f.valid_bit_depth = 16;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
	f.depth = 8;
	f.valid_bit_depth = 8;   /* integer depth 8: SOF turns it into a bad format; refused */
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_MOD_NOT_INITIALIZED);
	f.s_type = IPC4_SAMPLE_UNSIGNED_INTEGER;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
	f.s_type = IPC4_SAMPLE_FLOAT;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_MOD_NOT_INITIALIZED);
	f.depth = f.valid_bit_depth = 32;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
	f.s_type = 7;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_MOD_NOT_INITIALIZED);
	f = stereo32;
	f.channels_count = 0;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_MOD_NOT_INITIALIZED);
	f.channels_count = 9;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_MOD_NOT_INITIALIZED);
	f.channels_count = 8;
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
}

static void test_base_cfg(void **state)
{
	struct ipc4_base_cfg b = base48k(), d;
	uint8_t buf[64];
	(void)state;

	assert_int_equal(ipc4_base_cfg_encode(&b, buf, sizeof(buf)), 40);
	assert_int_equal(ipc4_base_cfg_encode(&b, buf, 39), -EINVAL);
	for (size_t len = 0; len < 40; len++)
		assert_int_equal(exact(dec_base, buf, len, &d), IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(exact(dec_base, buf, 40, &d), IPC4_SUCCESS);
	assert_memory_equal(&d, &b, sizeof(b));
	b.fmt.channels_count = 300;  /* does not fit 8 bits */
	assert_int_equal(ipc4_base_cfg_encode(&b, buf, sizeof(buf)), -ERANGE);
}

static void test_pin_extension(void **state)
{
	struct ipc4_base_cfg b = base48k(), bd;
	static struct ipc4_base_cfg_ext e, ed;
	uint8_t buf[56 + 32 * 16];
	int n;
	(void)state;

	memset(&e, 0, sizeof(e));
	e.nb_input_pins = 2;
	e.nb_output_pins = 1;
	for (unsigned i = 0; i < 2; i++)
		e.in[i] = (struct ipc4_pin_fmt){ i, 384, stereo32 };
	e.out[0] = (struct ipc4_pin_fmt){ 0, 192, stereo32 };
	e.out[0].fmt.channels_count = 1;
	n = ipc4_base_cfg_ext_encode(&b, &e, buf, sizeof(buf));
	assert_int_equal(n, 56 + 3 * 32);
	assert_int_equal(ipc4_base_cfg_ext_decode(buf, (size_t)n, &bd, &ed), IPC4_SUCCESS);
	assert_memory_equal(&ed, &e, sizeof(e));
	/* wrong total size, too many pins, bad pin format */
	assert_int_equal(ipc4_base_cfg_ext_decode(buf, (size_t)n - 4, &bd, &ed),
			 IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(ipc4_base_cfg_ext_decode(buf, 55, &bd, &ed), IPC4_MOD_NOT_INITIALIZED);
	ipc4_put_le32(buf + 40, 9);
	assert_int_equal(ipc4_base_cfg_ext_decode(buf, 56 + 9 * 32, &bd, &ed),
			 IPC4_MOD_NOT_INITIALIZED);
	e.nb_input_pins = 9;
	assert_int_equal(ipc4_base_cfg_ext_encode(&b, &e, buf, sizeof(buf)), -EINVAL);
	e.nb_input_pins = 2;
	e.in[1].fmt.depth = 12;
	n = ipc4_base_cfg_ext_encode(&b, &e, buf, sizeof(buf));
	assert_int_equal(ipc4_base_cfg_ext_decode(buf, (size_t)n, &bd, &ed),
			 IPC4_MOD_NOT_INITIALIZED);
}

static void test_src_cfg(void **state)
{
	struct ipc4_src_cfg s = { base48k(), 44100 }, d;
	uint8_t buf[48];
	(void)state;

	assert_int_equal(ipc4_src_cfg_encode(&s, buf, sizeof(buf)), 44);
	for (size_t len = 0; len <= 48; len++)
		assert_int_equal(exact(dec_src, buf, len, &d),
				 len == 44 ? IPC4_SUCCESS : IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(d.sink_rate, 44100);
	s.sink_rate = 0;
	ipc4_src_cfg_encode(&s, buf, sizeof(buf));
	assert_int_equal(exact(dec_src, buf, 44, &d), IPC4_MOD_NOT_INITIALIZED);
	s.sink_rate = 16000;
	s.base.fmt.sampling_frequency = 0;
	ipc4_src_cfg_encode(&s, buf, sizeof(buf));
	assert_int_equal(exact(dec_src, buf, 44, &d), IPC4_MOD_NOT_INITIALIZED);
	s = (struct ipc4_src_cfg){ base48k(), 16000 };
	s.base.fmt.s_type = IPC4_SAMPLE_FLOAT;  /* SRC takes integer depths only */
	ipc4_src_cfg_encode(&s, buf, sizeof(buf));
	assert_int_equal(exact(dec_src, buf, 44, &d), IPC4_SUCCESS);
	s.base.fmt.s_type = IPC4_SAMPLE_UNSIGNED_INTEGER;
	s.base.fmt.depth = s.base.fmt.valid_bit_depth = 8;
	ipc4_src_cfg_encode(&s, buf, sizeof(buf));
	assert_int_equal(exact(dec_src, buf, 44, &d), IPC4_MOD_NOT_INITIALIZED);
}

static void test_gain_cfg(void **state)
{
	static struct ipc4_gain_cfg g, d;
	uint8_t buf[40 + 24 * 9];
	int n;
	(void)state;

	memset(&g, 0, sizeof(g));
	g.base = base48k();
	g.count = 1;
	g.ch[0] = (struct ipc4_volume_cfg){ IPC4_ALL_CHANNELS, 0x40000000, 1, 200000 };
	n = ipc4_gain_cfg_encode(&g, buf, sizeof(buf));
	assert_int_equal(n, 64);
	for (size_t len = 0; len < 64; len++)
		assert_int_equal(exact(dec_gain, buf, len, &d), IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(exact(dec_gain, buf, 64, &d), IPC4_SUCCESS);
	assert_memory_equal(&d, &g, sizeof(g));
	assert_int_equal(exact(dec_gain, buf, 68, &d), IPC4_MOD_NOT_INITIALIZED);  /* partial entry */

	/* per-channel entries: one per channel, by position */
	g.count = 2;
	g.ch[0].channel_id = 0;
	g.ch[1] = (struct ipc4_volume_cfg){ 1, IPC4_VOLUME_MAX, 0, 0 };
	n = ipc4_gain_cfg_encode(&g, buf, sizeof(buf));
	assert_int_equal(exact(dec_gain, buf, (size_t)n, &d), IPC4_SUCCESS);
	assert_memory_equal(&d, &g, sizeof(g));
	g.ch[1].channel_id = 0;   /* SOF ignores this; we refuse */
	n = ipc4_gain_cfg_encode(&g, buf, sizeof(buf));
	assert_int_equal(exact(dec_gain, buf, (size_t)n, &d), IPC4_MOD_NOT_INITIALIZED);
	g.ch[1].channel_id = 1;
	g.count = 1;              /* fewer entries than channels */
	n = ipc4_gain_cfg_encode(&g, buf, sizeof(buf));
	assert_int_equal(exact(dec_gain, buf, (size_t)n, &d), IPC4_MOD_NOT_INITIALIZED);
	g.count = 2;
	g.ch[1].target_volume = 0x80000000u;   /* above unity */
	n = ipc4_gain_cfg_encode(&g, buf, sizeof(buf));
	assert_int_equal(exact(dec_gain, buf, (size_t)n, &d), IPC4_MOD_NOT_INITIALIZED);
	g.ch[1].target_volume = 1;
	g.ch[1].curve_type = 6;
	n = ipc4_gain_cfg_encode(&g, buf, sizeof(buf));
	assert_int_equal(exact(dec_gain, buf, (size_t)n, &d), IPC4_MOD_NOT_INITIALIZED);
	/* nine entries */
	memset(buf + 40, 0, 24 * 9);
	ipc4_put_le32(buf + 40, IPC4_ALL_CHANNELS);
	assert_int_equal(exact(dec_gain, buf, 40 + 24 * 9, &d), IPC4_MOD_NOT_INITIALIZED);
	g.count = 0;
	assert_int_equal(ipc4_gain_cfg_encode(&g, buf, sizeof(buf)), -EINVAL);
}

static struct ipc4_copier_cfg host_copier(const uint8_t *blob, uint32_t words)
{
	struct ipc4_copier_cfg c;

	memset(&c, 0, sizeof(c));
	c.base = base48k();
	c.out_fmt = stereo32;
	c.out_fmt.valid_bit_depth = 24;
	c.node_id = (IPC4_DMA_HDA_HOST_OUTPUT << 8) | 2;
	c.config_length = words;
	c.config_data = blob;
	c.config_data_len = 4 * (words > 1 ? words : 1);
	return c;
}

static void test_copier_cfg(void **state)
{
	static const uint8_t blob[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	struct ipc4_copier_cfg c = host_copier(blob, 1), d;
	struct ipc4_node_id nid;
	uint32_t w;
	uint8_t buf[128];
	int n;
	(void)state;

	n = ipc4_copier_cfg_encode(&c, buf, sizeof(buf));
	assert_int_equal(n, 84);
	for (size_t len = 0; len <= 96; len++)
		assert_int_equal(exact(dec_copier, buf, len, &d),
				 len == 84 ? IPC4_SUCCESS : IPC4_MOD_NOT_INITIALIZED);
	n = ipc4_copier_cfg_encode(&c, buf, sizeof(buf));
	assert_int_equal(ipc4_copier_cfg_decode(buf, 84, &d), IPC4_SUCCESS);
	assert_memory_equal(&d.base, &c.base, sizeof(c.base));
	assert_memory_equal(&d.out_fmt, &c.out_fmt, sizeof(c.out_fmt));
	assert_int_equal(d.node_id, c.node_id);
	assert_int_equal(d.config_data_len, 4);
	assert_memory_equal(d.config_data, blob, 4);
	ipc4_node_id_decode(d.node_id, &nid);
	assert_int_equal(nid.v_index, 2);
	assert_int_equal(nid.dma_type, 0);
	assert_int_equal(ipc4_node_id_encode(&nid, &w), 0);
	assert_int_equal(w, d.node_id);
	nid.dma_type = 32;
	assert_int_equal(ipc4_node_id_encode(&nid, &w), -ERANGE);
	assert_int_equal(ipc4_dma_type_direction(0), 0);
	assert_int_equal(ipc4_dma_type_direction(1), 1);
	assert_int_equal(ipc4_dma_type_direction(12), 0);
	assert_int_equal(ipc4_dma_type_direction(20), 1);
	assert_int_equal(ipc4_dma_type_direction(21), 0);

	/* config_length 0 still needs 84 bytes; 4 dwords need 96 */
	c = host_copier(blob, 0);
	assert_int_equal(ipc4_copier_cfg_encode(&c, buf, sizeof(buf)), 84);
	assert_int_equal(exact(dec_copier, buf, 84, &d), IPC4_SUCCESS);
	c = host_copier(blob, 4);
	assert_int_equal(ipc4_copier_cfg_encode(&c, buf, sizeof(buf)), 96);
	for (size_t len = 84; len <= 100; len += 4)
		assert_int_equal(exact(dec_copier, buf, len, &d),
				 len == 96 ? IPC4_SUCCESS : IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(d.config_data_len, 16);
	/* a config_length that lies hugely */
	ipc4_put_le32(buf + 76, 0xFFFFFFFFu);
	assert_int_equal(exact(dec_copier, buf, 96, &d), IPC4_MOD_NOT_INITIALIZED);
	/* bad output format */
	c = host_copier(blob, 1);
	c.out_fmt.channels_count = 0;
	ipc4_copier_cfg_encode(&c, buf, sizeof(buf));
	assert_int_equal(exact(dec_copier, buf, 84, &d), IPC4_MOD_NOT_INITIALIZED);
	/* encoder: blob length must match config_length */
	c = host_copier(blob, 2);
	c.config_data_len = 4;
	assert_int_equal(ipc4_copier_cfg_encode(&c, buf, sizeof(buf)), -EINVAL);
}

static void test_volume_controls(void **state)
{
	struct ipc4_volume_cfg v = { 3, 0x20000000, IPC4_CURVE_LINEAR, 10000 }, d;
	struct ipc4_switch_ctl s, sd;
	uint8_t buf[96];
	uint32_t shift;
	int n;
	(void)state;

	assert_int_equal(ipc4_volume_cfg_encode(&v, buf, sizeof(buf)), 24);
	for (size_t len = 0; len <= 28; len++)
		assert_int_equal(exact(dec_vol, buf, len, &d),
				 len == 24 ? IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(d.channel_id, v.channel_id);
	assert_int_equal(d.target_volume, v.target_volume);
	assert_int_equal(d.curve_type, v.curve_type);
	assert_true(d.curve_duration == v.curve_duration);
	v.channel_id = 8;
	ipc4_volume_cfg_encode(&v, buf, sizeof(buf));
	assert_int_equal(exact(dec_vol, buf, 24, &d), IPC4_INVALID_RESOURCE_ID);

	ipc4_put_le32(buf, 31);
	assert_int_equal(ipc4_attenuation_decode(buf, 4, &shift), IPC4_SUCCESS);
	assert_int_equal(shift, 31);
	assert_int_equal(ipc4_attenuation_decode(buf, 8, &shift), IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(ipc4_attenuation_decode(buf, 3, &shift), IPC4_INVALID_RESOURCE_ID);
	ipc4_put_le32(buf, 32);
	assert_int_equal(ipc4_attenuation_decode(buf, 4, &shift), IPC4_INVALID_RESOURCE_ID);

	memset(&s, 0, sizeof(s));
	s.id = 7;
	s.num_elems = 2;
	s.channel[0] = 0;
	s.value[0] = 0;
	s.channel[1] = 1;
	s.value[1] = 1;
	n = ipc4_switch_ctl_encode(&s, buf, sizeof(buf));
	assert_int_equal(n, 36);
	for (size_t len = 0; len <= 44; len++)
		assert_int_equal(exact(dec_switch, buf, len, &sd),
				 len == 36 ? IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(exact(dec_switch, buf, 36, &sd), IPC4_SUCCESS);
	assert_memory_equal(&sd, &s, sizeof(s));
	s.channel[1] = 8;
	ipc4_switch_ctl_encode(&s, buf, sizeof(buf));
	assert_int_equal(exact(dec_switch, buf, 36, &sd), IPC4_INVALID_RESOURCE_ID);
	s.num_elems = 0;
	ipc4_switch_ctl_encode(&s, buf, sizeof(buf));
	assert_int_equal(exact(dec_switch, buf, 20, &sd), IPC4_INVALID_RESOURCE_ID);
}

static void test_tlv_list(void **state)
{
	uint8_t p[40] = { 0 };
	uint32_t n;
	size_t pos = 0;
	struct ipc4_tlv t;
	(void)state;

	ipc4_put_le32(p, 1);
	ipc4_put_le32(p + 4, 3);
	p[8] = 0xAB;
	ipc4_put_le32(p + 12, 2);
	ipc4_put_le32(p + 16, 8);
	assert_int_equal(ipc4_tlv_check(p, 28, &n), IPC4_SUCCESS);
	assert_int_equal(n, 2);
	assert_int_equal(ipc4_tlv_next(p, 28, &pos, &t), 1);
	assert_int_equal(t.type, 1);
	assert_int_equal(t.length, 3);
	assert_int_equal(t.value[0], 0xAB);
	assert_int_equal(ipc4_tlv_next(p, 28, &pos, &t), 1);
	assert_int_equal(t.type, 2);
	assert_ptr_equal(t.value, p + 20);
	assert_int_equal(ipc4_tlv_next(p, 28, &pos, &t), 0);
	assert_int_equal(ipc4_tlv_check(p, 4, &n), IPC4_INVALID_CONFIG_DATA_STRUCT);
	assert_int_equal(ipc4_tlv_check(NULL, 0, &n), IPC4_INVALID_CONFIG_DATA_STRUCT);
	assert_int_equal(ipc4_tlv_check(p, 32, &n), IPC4_INVALID_REQUEST);
	assert_int_equal(ipc4_tlv_check(p, 36, &n), IPC4_INVALID_CONFIG_DATA_LEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audio_fmt_rules),
		cmocka_unit_test(test_base_cfg),
		cmocka_unit_test(test_pin_extension),
		cmocka_unit_test(test_src_cfg),
		cmocka_unit_test(test_gain_cfg),
		cmocka_unit_test(test_copier_cfg),
		cmocka_unit_test(test_volume_controls),
		cmocka_unit_test(test_tlv_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
