;; Batched float32 matrix products for the tfjs wasm backend, in WebAssembly
;; SIMD (simd128). This is the source of kernels/batchMatMulWasm.ts: after
;; editing it, run `npm run build:kernels` (scripts/build-wasm-kernels.ts
;; assembles it with wabt); wasmBatchMatMul.test.ts fails while they differ.
;;
;; The module imports tfjs-wasm's own memory and reads and writes tensors in
;; place: every pointer is a byte offset into that heap. For each batch index,
;; C (M×N, row-major) = op(A) (M×K) · op(B) (K×N); i indexes C's rows, j its
;; columns, k the inner dimension. Operands are described by strides, in
;; bytes, so one kernel serves all four transpose combinations:
;;
;;   A(i, k) at a + i·sAi + k·sAk     A: sAi = 4K, sAk = 4    Aᵀ: sAi = 4, sAk = 4M
;;   B(k, j) at b + k·sBk + j·sBj     B: sBk = 4N, sBj = 4    Bᵀ: sBk = 4, sBj = 4K
;;
;; Export:
;;   mm (a, b, c, batch, M, N, K, sAi, sAk, sBk, sBj, bsA, bsB, pack)
;;     bsA, bsB: batch strides in bytes, 0 for an operand broadcast over the
;;     batch (C's is 4MN); pack: packBytes of scratch. Needs N >= 8.
;;   packBytes (global): the scratch size, 4·KC·8.
;;
;; Each row of C is a sum of B's rows scaled by A's scalars, so the four lanes
;; run along j, C's contiguous dimension. The loops, outermost first:
;;   batch; chunks of MC rows; chunks of KC values of k; strips of 8 columns;
;;   blocks of 4 rows; k.
;; For each strip and k chunk, B's KC×8 values are first copied ("packed") to
;; the scratch buffer, 8 contiguous floats per k: whatever B's layout (Bᵀ is
;; gathered lane by lane), the inner loop then takes two vector loads per k
;; from a buffer that stays in L1, free of the cache-set conflicts of B's own
;; rows (1 KB apart when N = 256, as in the model's MLP). A's MC×KC chunk
;; serves every strip from cache. The inner block is 4 rows × 8 columns in
;; eight vector accumulators: per k, two vector loads of packed B and one
;; splatted load of A(i, k) per row feed 8 multiplies and 8 adds.
;;
;; After the first k chunk, a block resumes from the partial sums it stored in
;; C: every element is summed over k = 0, 1, ..., K-1 in order, without fused
;; multiply-add, so the results round exactly as a plain loop's do.
;;
;; Edges, without remainder code paths:
;;   - rows: a block's rows past its chunk's last row are clamped to that row:
;;     they recompute it and store the same values to the same place;
;;   - columns: when N is not a multiple of 8, a last strip starts at N-8,
;;     overlapping the strip before. It runs after all the others, over all k
;;     chunks, and recomputes the shared columns from zero, in the same
;;     order, to the same values.
(module
  (import "env" "memory" (memory 1))

  ;; Chunk sizes, in elements: KC values of k per packed strip (4 KB of
  ;; scratch), MC rows of A.
  (global $KC i32 (i32.const 128))
  (global $MC i32 (i32.const 128))
  (global (export "packBytes") i32 (i32.const 4096))

  (func (export "mm")
    (param $a i32) (param $b i32) (param $c i32) (param $batch i32)
    (param $M i32) (param $N i32) (param $K i32)
    (param $sAi i32) (param $sAk i32) (param $sBk i32) (param $sBj i32)
    (param $bsA i32) (param $bsB i32) (param $pack i32)
    (local $rowC i32)   ;; 4N: the byte stride of C's rows
    (local $i0 i32) (local $mc i32) (local $j i32) (local $k0 i32) (local $kc i32)
    (local.set $rowC (i32.shl (local.get $N) (i32.const 2)))
    (block $batches_done
      (loop $batches
        (br_if $batches_done (i32.eqz (local.get $batch)))
        ;; Row chunks of MC.
        (local.set $i0 (i32.const 0))
        (block $i_done
          (loop $i_chunks
            (br_if $i_done (i32.ge_u (local.get $i0) (local.get $M)))
            (local.set $mc (i32.sub (local.get $M) (local.get $i0)))
            (if (i32.gt_u (local.get $mc) (global.get $MC)) (then (local.set $mc (global.get $MC))))
            ;; k chunks of KC, and in each the whole strips of 8 columns, so
            ;; that A's chunk serves every strip. K = 0 still takes one
            ;; (empty) chunk, which writes the zeros.
            (local.set $k0 (i32.const 0))
            (loop $k_chunks
              (local.set $kc (i32.sub (local.get $K) (local.get $k0)))
              (if (i32.gt_u (local.get $kc) (global.get $KC)) (then (local.set $kc (global.get $KC))))
              (local.set $j (i32.const 0))
              (block $j_done
                (loop $strips
                  (br_if $j_done (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $N)))
                  (call $panel (local.get $a) (local.get $b) (local.get $c) (local.get $i0) (local.get $mc)
                    (local.get $j) (local.get $k0) (local.get $kc)
                    (local.get $sAi) (local.get $sAk) (local.get $sBk) (local.get $sBj) (local.get $rowC) (local.get $pack))
                  (local.set $j (i32.add (local.get $j) (i32.const 8)))
                  (br $strips)))
              (local.set $k0 (i32.add (local.get $k0) (global.get $KC)))
              (br_if $k_chunks (i32.lt_u (local.get $k0) (local.get $K))))
            ;; N not a multiple of 8: a last strip at N-8, over all k chunks
            ;; now that the strip it overlaps is final.
            (if (i32.and (local.get $N) (i32.const 7))
              (then
                (local.set $k0 (i32.const 0))
                (loop $k_chunks
                  (local.set $kc (i32.sub (local.get $K) (local.get $k0)))
                  (if (i32.gt_u (local.get $kc) (global.get $KC)) (then (local.set $kc (global.get $KC))))
                  (call $panel (local.get $a) (local.get $b) (local.get $c) (local.get $i0) (local.get $mc)
                    (i32.sub (local.get $N) (i32.const 8)) (local.get $k0) (local.get $kc)
                    (local.get $sAi) (local.get $sAk) (local.get $sBk) (local.get $sBj) (local.get $rowC) (local.get $pack))
                  (local.set $k0 (i32.add (local.get $k0) (global.get $KC)))
                  (br_if $k_chunks (i32.lt_u (local.get $k0) (local.get $K))))))
            (local.set $i0 (i32.add (local.get $i0) (global.get $MC)))
            (br $i_chunks)))
        (local.set $a (i32.add (local.get $a) (local.get $bsA)))
        (local.set $b (i32.add (local.get $b) (local.get $bsB)))
        (local.set $c (i32.add (local.get $c) (i32.mul (local.get $M) (local.get $rowC))))
        (local.set $batch (i32.sub (local.get $batch) (i32.const 1)))
        (br $batches))))

  ;; Rows i0..i0+mc-1 and columns j..j+7 of C, over k0..k0+kc-1: packs B's
  ;; part, then runs the strip (resuming from C after the first k chunk).
  (func $panel
    (param $a i32) (param $b i32) (param $c i32) (param $i0 i32) (param $mc i32)
    (param $j i32) (param $k0 i32) (param $kc i32)
    (param $sAi i32) (param $sAk i32) (param $sBk i32) (param $sBj i32) (param $rowC i32) (param $pack i32)
    (call $pack
      (i32.add (local.get $b) (i32.add (i32.mul (local.get $k0) (local.get $sBk)) (i32.mul (local.get $j) (local.get $sBj))))
      (local.get $sBk) (local.get $sBj) (local.get $kc) (local.get $pack))
    (call $strip
      (i32.add (local.get $a) (i32.add (i32.mul (local.get $i0) (local.get $sAi)) (i32.mul (local.get $k0) (local.get $sAk))))
      (local.get $pack)
      (i32.add (local.get $c) (i32.add (i32.mul (local.get $i0) (local.get $rowC)) (i32.shl (local.get $j) (i32.const 2))))
      (local.get $mc) (local.get $kc) (local.get $sAi) (local.get $sAk) (local.get $rowC)
      (local.get $k0)))

  ;; dst[8k .. 8k+7] = B(k, 0..7) for k < kc, B(k, j) at src + k·sk + j·sj.
  (func $pack (param $src i32) (param $sk i32) (param $sj i32) (param $kc i32) (param $dst i32)
    (local $v v128) (local $p i32)
    (if (i32.eq (local.get $sj) (i32.const 4))
      (then
        ;; Rows of B: two vectors per k.
        (block $done
          (loop $ks
            (br_if $done (i32.eqz (local.get $kc)))
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
            (local.set $src (i32.add (local.get $src) (local.get $sk)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
            (br $ks))))
      (else
        ;; Any other layout (Bᵀ: eight rows read side by side): lane by lane.
        (block $done
          (loop $ks
            (br_if $done (i32.eqz (local.get $kc)))
            (local.set $p (local.get $src))
            (local.set $v (f32x4.splat (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.replace_lane 1 (local.get $v) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.replace_lane 2 (local.get $v) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.replace_lane 3 (local.get $v) (f32.load (local.get $p))))
            (v128.store (local.get $dst) (local.get $v))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.splat (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.replace_lane 1 (local.get $v) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.replace_lane 2 (local.get $v) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $sj)))
            (local.set $v (f32x4.replace_lane 3 (local.get $v) (f32.load (local.get $p))))
            (v128.store offset=16 (local.get $dst) (local.get $v))
            (local.set $src (i32.add (local.get $src) (local.get $sk)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
            (br $ks))))))

  ;; Columns 0..7 of C (M rows, rowC bytes apart) = (resume ? C : 0) + op(A) ·
  ;; packed B over kc values of k, in blocks of 4 rows.
  (func $strip
    (param $a i32) (param $pb i32) (param $c i32)
    (param $M i32) (param $kc i32) (param $sAi i32) (param $sAk i32) (param $rowC i32)
    (param $resume i32)
    (local $i i32) (local $k i32) (local $p i32)
    (local $i1 i32) (local $i2 i32) (local $i3 i32)  ;; rows i+1..i+3, clamped to M-1
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32)
    (local $pc0 i32) (local $pc1 i32) (local $pc2 i32) (local $pc3 i32)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $M)))
        (local.set $i1 (i32.add (local.get $i) (i32.const 1)))
        (if (i32.ge_u (local.get $i1) (local.get $M)) (then (local.set $i1 (i32.sub (local.get $M) (i32.const 1)))))
        (local.set $i2 (i32.add (local.get $i) (i32.const 2)))
        (if (i32.ge_u (local.get $i2) (local.get $M)) (then (local.set $i2 (i32.sub (local.get $M) (i32.const 1)))))
        (local.set $i3 (i32.add (local.get $i) (i32.const 3)))
        (if (i32.ge_u (local.get $i3) (local.get $M)) (then (local.set $i3 (i32.sub (local.get $M) (i32.const 1)))))
        (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $sAi))))
        (local.set $pa1 (i32.add (local.get $a) (i32.mul (local.get $i1) (local.get $sAi))))
        (local.set $pa2 (i32.add (local.get $a) (i32.mul (local.get $i2) (local.get $sAi))))
        (local.set $pa3 (i32.add (local.get $a) (i32.mul (local.get $i3) (local.get $sAi))))
        (local.set $pc0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowC))))
        (local.set $pc1 (i32.add (local.get $c) (i32.mul (local.get $i1) (local.get $rowC))))
        (local.set $pc2 (i32.add (local.get $c) (i32.mul (local.get $i2) (local.get $rowC))))
        (local.set $pc3 (i32.add (local.get $c) (i32.mul (local.get $i3) (local.get $rowC))))
        (if (local.get $resume)
          (then
            (local.set $c00 (v128.load (local.get $pc0)))
            (local.set $c01 (v128.load offset=16 (local.get $pc0)))
            (local.set $c10 (v128.load (local.get $pc1)))
            (local.set $c11 (v128.load offset=16 (local.get $pc1)))
            (local.set $c20 (v128.load (local.get $pc2)))
            (local.set $c21 (v128.load offset=16 (local.get $pc2)))
            (local.set $c30 (v128.load (local.get $pc3)))
            (local.set $c31 (v128.load offset=16 (local.get $pc3))))
          (else
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))))
        ;; For each k: packed B's 8 values times each row's A(i, k), splatted.
        (local.set $p (local.get $pb))
        (local.set $k (local.get $kc))
        (block $ks_done
          (loop $ks
            (br_if $ks_done (i32.eqz (local.get $k)))
            (local.set $b0 (v128.load (local.get $p)))
            (local.set $b1 (v128.load offset=16 (local.get $p)))
            (local.set $x (v128.load32_splat (local.get $pa0)))
            (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat (local.get $pa1)))
            (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat (local.get $pa2)))
            (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat (local.get $pa3)))
            (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $sAk)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $sAk)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $sAk)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $sAk)))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $ks)))
        ;; Rows i3..i: a clamped row gets the same values twice.
        (v128.store (local.get $pc3) (local.get $c30))
        (v128.store offset=16 (local.get $pc3) (local.get $c31))
        (v128.store (local.get $pc2) (local.get $c20))
        (v128.store offset=16 (local.get $pc2) (local.get $c21))
        (v128.store (local.get $pc1) (local.get $c10))
        (v128.store offset=16 (local.get $pc1) (local.get $c11))
        (v128.store (local.get $pc0) (local.get $c00))
        (v128.store offset=16 (local.get $pc0) (local.get $c01))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))
)
