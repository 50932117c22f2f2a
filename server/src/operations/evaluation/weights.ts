import type { mongo } from 'mongoose';
import type { Actor } from '../../control/auth/actor';
import { isDuplicateKey } from '../../db/claims';
import { forbidden, HttpError, validationFailed } from '../../http/errors';
import { DEFAULT_WEIGHTS, INDICATORS, type Weights } from './score';

/** Every saved set of weights, `_id` its version number: a save is the insert of the next one. */
export const EVALUATION_WEIGHTS = 'ops_evaluation_weights';

interface WeightsDoc {
  _id: string;
  version: number;
  weights: Weights;
  by: string;
  at: Date;
}

export interface WeightsView {
  version: number;
  weights: Weights;
  /** When this version was saved; null for the defaults. */
  at: string | null;
}

const SAVE_ATTEMPTS = 5;

/** The indicators' weights, versioned: admins save, admins and supervisors read. */
export class EvaluationWeights {
  constructor(private readonly db: () => mongo.Db) {}

  private get docs() {
    return this.db().collection<WeightsDoc>(EVALUATION_WEIGHTS);
  }

  /** The newest version (a handful of documents: read whole, as the local database sorts none). */
  async current(): Promise<WeightsView> {
    const all = await this.docs.find().toArray();
    const last = all.reduce<WeightsDoc | null>(
      (a, d) => (!a || d.version > a.version ? d : a),
      null,
    );
    return last
      ? { version: last.version, weights: last.weights, at: last.at.toISOString() }
      : { version: 0, weights: { ...DEFAULT_WEIGHTS }, at: null };
  }

  /**
   * Saves the next version: each weight 0–100 (the route's schema), known indicators only, all
   * of them, adding up to 100. Two admins saving at once get two versions, one after the other.
   */
  async save(actor: Actor, weights: Weights, now: Date): Promise<WeightsView> {
    if (!actor.platformRoles.includes('admin'))
      throw forbidden('Only administrators set the evaluation weights.');
    const sum = INDICATORS.reduce((n, i) => n + weights[i], 0);
    if (Math.abs(sum - 100) > 1e-9)
      throw validationFailed('The weights must add up to 100.', { field: 'weights', sum });
    const clean = Object.fromEntries(INDICATORS.map((i) => [i, weights[i]])) as Weights;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const version = (await this.current()).version + 1;
      try {
        await this.docs.insertOne({
          _id: String(version),
          version,
          weights: clean,
          by: actor.accountId,
          at: now,
        });
        return { version, weights: clean, at: now.toISOString() };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    throw new HttpError(
      503,
      'busy',
      'Too many people are saving weights at once. Please try again.',
    );
  }
}
