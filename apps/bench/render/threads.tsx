// The threads benchmark page (see threadsStart.tsx). threadsStart sorts before threadsUi on
// purpose: the thread store starts reading from IndexedDB before React and the UI are evaluated.

import { page, threads } from './threadsStart.tsx'
import { mountThreadsApp } from './threadsUi.tsx'

if (threads) mountThreadsApp(threads, page)
