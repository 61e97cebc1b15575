// What a Vue app declares once: `<cc-chat>` among the global components, so templates type-check it.
import type {} from 'cc-chat/vue';
