/** Thrown inside an execution when gas runs out; turned into an `out_of_gas` outcome. */
export class OutOfGas {
  readonly reason = 'out of gas'
}

/** Thrown when the program asks to undo its effects; turned into a `reverted` outcome. */
export class Revert {
  readonly reason: string
  constructor(reason: string) {
    this.reason = reason
  }
}

/** Thrown when the VM stops the program; turned into a `trapped` outcome. */
export class Trap {
  readonly reason: string
  constructor(reason: string) {
    this.reason = reason
  }
}

/** Counts gas against a limit. Charging past the limit uses it all and stops execution. */
export class GasMeter {
  readonly limit: bigint
  used = 0n

  constructor(limit: bigint, alreadyUsed = 0n) {
    this.limit = limit
    this.used = alreadyUsed
  }

  charge(amount: bigint): void {
    if (this.used + amount > this.limit) {
      this.used = this.limit
      throw new OutOfGas()
    }
    this.used += amount
  }
}
