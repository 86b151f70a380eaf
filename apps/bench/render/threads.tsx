// The threads benchmark page (see threadsStart.tsx). Imported in this order on purpose: the thread
// store starts reading from IndexedDB before React and the UI are evaluated.

import { mountThreadsApp } from './threadsApp.tsx'
import { page, threads } from './threadsStart.tsx'

if (threads) mountThreadsApp(threads, page)
