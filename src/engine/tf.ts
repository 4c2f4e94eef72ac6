/**
 * The engine's one door to TensorFlow.js: tfjs-core plus its gradient
 * registrations (core alone has none). Ops are called as functions
 * (tf.mul(a, b)), not chained, so bundles keep only the ops we use.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export * from '@tensorflow/tfjs-core';
