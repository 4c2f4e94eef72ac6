/**
 * The engine's one door to TensorFlow.js: tfjs-core plus its gradient
 * registrations (core alone has none). Ops are called as functions
 * (tf.mul(a, b)), not chained, so bundles keep only the ops we use.
 */
// Core first: its flags must be registered before the gradients register
// themselves (a dev server's pre-bundling evaluates them in this order).
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
