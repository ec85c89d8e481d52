// "?": every key Lull knows, in a modal dialog over a backdrop; Escape, a
// click outside or its button closes it. Drawn from the same tables the
// keys are read with, so it cannot say one thing while the keys do another.
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components'
import { useUi } from '../store'
import { Keys } from './Keys'
import { listCommands, otherCommands, views } from './keymap'

export function KeyHelp() {
  const isOpen = useUi((state) => state.isKeyHelpOpen)
  const setOpen = useUi((state) => state.setKeyHelpOpen)
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={setOpen} isDismissable className="modal-backdrop">
      <Modal className="modal key-help">
        <Dialog className="modal-dialog" aria-labelledby="key-help-title">
          <Heading slot="title" id="key-help-title" className="modal-title">
            Keys
          </Heading>
          <div className="key-help-columns">
            <section aria-labelledby="key-help-items">
              <h3 id="key-help-items">In a list</h3>
              <table>
                <tbody>
                  {listCommands.map((command) => (
                    <tr key={command.kind}>
                      <th scope="row">
                        <Keys shown={command.shown} />
                      </th>
                      <td>{command.label}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="key-help-anywhere">
              <h3 id="key-help-anywhere">Anywhere</h3>
              <table>
                <tbody>
                  {otherCommands.map((command) => (
                    <tr key={command.kind}>
                      <th scope="row">
                        <Keys shown={command.shown} />
                      </th>
                      <td>{command.label}</td>
                    </tr>
                  ))}
                  {views.map((view) => (
                    <tr key={view.view}>
                      <th scope="row">
                        <Keys shown={['g', view.key]} />
                      </th>
                      <td>Go to {view.label}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <div className="modal-actions">
            <Button className="button" slot="close">
              Close
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  )
}
