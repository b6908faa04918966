// An example that sends native value to an account in the EVM environment.
//   send_to_evm(receiver[20] ‖ amount[8])  escrows `amount` of this contract's balance
//   and sends an AssetTransfer to "evm"; an error acknowledgement or a timeout refunds it.
//   The contract is funded by the `value` of transactions to it.
import { INSUFFICIENT_FUNDS, OK, input, revert, sendAsset } from "../assembly/index"

export function send_to_evm(): void {
  const args = input()
  if (args.length != 28) revert("send_to_evm takes receiver (20 bytes) and amount (8 bytes)")
  const status = sendAsset("evm", args.subarray(0, 20), load<u64>(args.dataStart + 20))
  if (status == INSUFFICIENT_FUNDS) revert("insufficient funds")
  if (status != OK) revert("transfer refused")
}
