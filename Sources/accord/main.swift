import AccordCLI
import Foundation

exit(Accord.runMain())
