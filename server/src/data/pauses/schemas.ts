import { component } from '../../http/components';
import { arrayOf, localizedText, nullable, obj } from '../../http/schemas';

const day = { type: 'string', format: 'date' };

/** The caller's pause of an action: the day it opens again, and the plugin's words. */
export const pauseAnswer = component(
  'PauseAnswer',
  obj({ until: nullable(day), message: localizedText }, ['until']),
);

/** Who is paused under a guard (display names only) and until when. */
export const pausedList = component(
  'PausedList',
  obj(
    {
      items: arrayOf(
        obj({ accountId: { type: 'string' }, displayName: { type: 'string' }, until: day }, [
          'accountId',
          'displayName',
          'until',
        ]),
      ),
    },
    ['items'],
  ),
);

export const liftAnswer = component(
  'LiftAnswer',
  obj({ lifted: { const: true }, until: day }, ['lifted', 'until']),
);
